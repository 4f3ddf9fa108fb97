import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveredEvent } from '@carepath/database';
import { NotificationsService } from '@carepath/notifications';

const WHAT: Record<string, string> = {
  delivered: 'has been delivered to the GP practice',
  failed: 'could not be delivered; an admin can resend it',
  acknowledged: 'has been acknowledged by the GP practice',
};

/** The clinician who approved a letter hears when it is delivered, fails or is acknowledged. No patient details in the notice. */
@Injectable()
export class NotifyApproverJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(event: DeliveredEvent<{ letterId: string; statusChangeId: string }>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row]: { approved_by_user_id: string | null; patient_id: string; to_status: string }[] = await manager.query(
        `SELECT l.approved_by_user_id, l.patient_id, c.to_status
           FROM letter_status_change c JOIN letter l ON l.id = c.letter_id WHERE c.id = $1 AND l.id = $2`,
        [event.statusChangeId, event.letterId],
      );
      if (!row?.approved_by_user_id || !WHAT[row.to_status]) return;
      await this.notifications.notify(manager, [row.approved_by_user_id], {
        type: `letter.${row.to_status}`,
        message: `A letter you approved ${WHAT[row.to_status]}`,
        entityType: 'Letter',
        entityId: event.letterId,
        patientId: row.patient_id,
        sourceEventId: event.outboxId,
      });
    });
  }
}
