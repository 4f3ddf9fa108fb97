import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobData } from '@carepath/database';
import { NotificationsService } from '../notifications.service';

/**
 * A patient's communication needs changed: every active admin of the patient's
 * service is told, so appointments and letters can be adjusted (Accessible
 * Information Standard). The notice names no patient details, only the record.
 */
@Injectable()
export class CommunicationNeedsChangedJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(data: JobData): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const admins: { id: string }[] = await manager.query(
        `SELECT u.id FROM patient p
           JOIN app_user u ON u.organisation_id = p.service_id AND u.role = 'admin' AND u.disabled_at IS NULL
          WHERE p.id = $1 AND u.id IS DISTINCT FROM $2::uuid`,
        [data.patientId, data.changedByUserId],
      );
      await this.notifications.notify(
        manager,
        admins.map((a) => a.id),
        {
          type: 'patient.communication-needs-changed',
          message: "A patient's communication needs have changed: check their appointments and letters",
          entityType: 'Patient',
          entityId: data.patientId,
          patientId: data.patientId,
          sourceEventId: data.outboxId,
        },
      );
    });
  }
}
