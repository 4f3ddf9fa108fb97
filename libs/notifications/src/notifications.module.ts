import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { JobRegistry } from '@carepath/database';
import { PATIENT_COMMUNICATION_NEEDS_CHANGED, PatientsModule } from '@carepath/patients';
import { CommunicationNeedsChangedJob } from './jobs/communication-needs-changed.job';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { notificationsPolicy } from './notifications.policy';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([Notification]), PatientsModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, CommunicationNeedsChangedJob],
  exports: [NotificationsService],
})
export class NotificationsModule {
  constructor(abilities: AbilityFactory, jobs: JobRegistry, communicationNeedsChanged: CommunicationNeedsChangedJob) {
    abilities.register(notificationsPolicy, { Notification: { patientData: false } });
    jobs.subscribe(PATIENT_COMMUNICATION_NEEDS_CHANGED, 'notifications:communication-needs-changed', (event) =>
      communicationNeedsChanged.handle(event),
    );
  }
}
