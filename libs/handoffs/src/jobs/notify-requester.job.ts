import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobData } from '@carepath/database';
import { NotificationsService } from '@carepath/notifications';

/** The referring clinician hears of every change the community organisation makes. No patient details in the notice. */
@Injectable()
export class NotifyRequesterJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(data: JobData): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row]: { requested_by_user_id: string; patient_id: string; to_status: string; outcome: string | null }[] = await manager.query(
        `SELECT h.requested_by_user_id, h.patient_id, c.to_status, c.outcome
           FROM handoff_change c JOIN handoff h ON h.id = c.handoff_id WHERE c.id = $1 AND h.id = $2`,
        [data.changeId, data.handoffId],
      );
      if (!row) return;
      await this.notifications.notify(manager, [row.requested_by_user_id], {
        type: 'handoff.changed',
        message: `A community handoff you made is now ${row.to_status}${row.outcome ? ` (${row.outcome})` : ''}`,
        entityType: 'Handoff',
        entityId: data.handoffId,
        patientId: row.patient_id,
        sourceEventId: data.outboxId,
      });
    });
  }
}
