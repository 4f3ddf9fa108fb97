import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { JobRegistry } from '@carepath/database';
import { NotificationsModule } from '@carepath/notifications';
import { PatientsModule } from '@carepath/patients';
import { TasksModule } from '@carepath/tasks';
import { MdtAttendee } from './mdt-attendee.entity';
import { MdtCase } from './mdt-case.entity';
import { MdtDecision } from './mdt-decision.entity';
import { MDT_WEEKLY_REMINDERS, WEEKLY, WeeklyRemindersJob } from './jobs/weekly-reminders.job';
import { MdtDueService } from './mdt-due.service';
import { MdtFlag } from './mdt-flag.entity';
import { MdtFlagsController } from './mdt-flags.controller';
import { MdtMeeting } from './mdt-meeting.entity';
import { MdtPathways } from './mdt-pathways';
import { MdtReportsController } from './mdt-reports.controller';
import { MdtReportsService } from './mdt-reports.service';
import { MdtController } from './mdt.controller';
import { mdtPolicy } from './mdt.policy';
import { MdtService } from './mdt.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MdtMeeting, MdtAttendee, MdtCase, MdtDecision, MdtFlag]),
    PatientsModule,
    TasksModule,
    NotificationsModule,
  ],
  controllers: [MdtController, MdtFlagsController, MdtReportsController],
  providers: [MdtService, MdtDueService, MdtReportsService, MdtPathways, WeeklyRemindersJob],
  exports: [MdtService, MdtPathways, MdtReportsService],
})
export class MdtModule {
  constructor(abilities: AbilityFactory, jobs: JobRegistry, reminders: WeeklyRemindersJob) {
    abilities.register(mdtPolicy, { Mdt: { patientData: true }, MdtDiscussion: { patientData: true } });
    jobs.schedule(MDT_WEEKLY_REMINDERS, WEEKLY, async () => {
      await reminders.handle();
    });
  }
}
