import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsersService } from '@carepath/auth';
import { JobData } from '@carepath/database';
import { PatientsService } from '@carepath/patients';
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
    private readonly patients: PatientsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(data: JobData): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const patient = (await this.patients.summaries(manager, [data.patientId])).get(data.patientId);
      const admins = patient ? await this.users.activeUserIds(manager, patient.serviceId, 'admin', data.changedByUserId ?? null) : [];
      await this.notifications.notify(manager, admins, {
        type: 'patient.communication-needs-changed',
        message: "A patient's communication needs have changed: check their appointments and letters",
        entityType: 'Patient',
        entityId: data.patientId,
        patientId: data.patientId,
        sourceEventId: data.outboxId,
      });
    });
  }
}
