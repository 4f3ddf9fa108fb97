import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { JobRegistry } from '@carepath/database';
import { MDT_DECISION_RECORDED, MdtModule, MdtService } from '@carepath/mdt';
import { DirectoryModule } from '@carepath/directory';
import { NotificationsModule } from '@carepath/notifications';
import { PatientsModule } from '@carepath/patients';
import { TasksModule } from '@carepath/tasks';
import { HandoffReportsController } from './handoff-reports.controller';
import { HandoffReportsService } from './handoff-reports.service';
import { HandoffChange } from './handoff-change.entity';
import { Handoff } from './handoff.entity';
import { HandoffsController } from './handoffs.controller';
import { HANDOFF_CHANGED } from './handoffs.events';
import { handoffsPolicy } from './handoffs.policy';
import { HandoffsService } from './handoffs.service';
import { NotifyRequesterJob } from './jobs/notify-requester.job';

@Module({
  imports: [
    TypeOrmModule.forFeature([Handoff, HandoffChange]),
    PatientsModule,
    DirectoryModule,
    NotificationsModule,
    TasksModule,
    MdtModule,
  ],
  controllers: [HandoffsController, HandoffReportsController],
  providers: [HandoffsService, HandoffReportsService, NotifyRequesterJob],
  exports: [HandoffsService, HandoffReportsService],
})
export class HandoffsModule {
  constructor(abilities: AbilityFactory, jobs: JobRegistry, notify: NotifyRequesterJob, mdt: MdtService) {
    abilities.register(handoffsPolicy, { Handoff: { patientData: false } });
    jobs.subscribe(HANDOFF_CHANGED, 'handoffs:notify-requester', (event) => notify.handle(event));
    // A clinician proposes the handoff, which still needs the patient's active consent when it is made.
    jobs.subscribe(MDT_DECISION_RECORDED, 'handoffs:mdt-propose-handoff', (event) =>
      mdt.raiseFollowUp(event.decisionId, 'handoff-to-community', 'mdt-propose-handoff'),
    );
  }
}
