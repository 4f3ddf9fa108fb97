import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsersService } from '@carepath/auth';
import { JobData } from '@carepath/database';
import { NotificationsService } from '@carepath/notifications';

const OUTCOME_TEXT: Record<string, string> = {
  'triaged-accepted': 'accepted',
  rejected: 'rejected',
  redirected: 'redirected to another service',
  'info-requested': 'waiting for more information from you',
};

/** The referring practice's GPs hear of every triage outcome; the notice names no patient details. */
@Injectable()
export class NotifyPracticeOfTriageJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(data: JobData): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [referral]: { id: string; patient_id: string; practice_id: string }[] = await manager.query(
        'SELECT id, patient_id, practice_id FROM referral WHERE id = $1',
        [data.referralId],
      );
      if (!referral) return;
      const [change]: { to_status: string }[] = await manager.query('SELECT to_status FROM referral_status_change WHERE id = $1', [
        data.statusChangeId,
      ]);
      const gps = await this.users.activeUserIds(manager, referral.practice_id, 'gp');
      await this.notifications.notify(manager, gps, {
        type: 'referral.triaged',
        message: `A referral from your practice has been triaged: ${OUTCOME_TEXT[change?.to_status ?? ''] ?? 'updated'}`,
        entityType: 'Referral',
        entityId: referral.id,
        patientId: referral.patient_id,
        sourceEventId: data.outboxId,
      });
    });
  }
}
