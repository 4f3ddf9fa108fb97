import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { JobRegistry } from '@carepath/database';
import { MDT_DECISION_RECORDED, MdtModule, MdtPathways, MdtService } from '@carepath/mdt';
import { NotificationsModule } from '@carepath/notifications';
import { PatientsModule } from '@carepath/patients';
import { ReferralsModule } from '@carepath/referrals';
import { TasksModule } from '@carepath/tasks';
import { CarePathway } from './care-pathway.entity';
import { NotifyUrgentPhq9Job } from './jobs/notify-urgent-phq9.job';
import { OutcomeMeasure } from './outcome-measure.entity';
import { OutcomesService } from './outcomes.service';
import { PathwayActivity } from './pathway-activity.entity';
import { PathwayChange } from './pathway-change.entity';
import { PathwayReportsController } from './pathway-reports.controller';
import { PathwayReportsService } from './pathway-reports.service';
import { PathwaysController } from './pathways.controller';
import { PHQ9_URGENT } from './pathways.events';
import { pathwaysPolicy } from './pathways.policy';
import { PathwaysService } from './pathways.service';
import { TherapySession } from './therapy-session.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([CarePathway, PathwayActivity, PathwayChange, TherapySession, OutcomeMeasure]),
    PatientsModule,
    ReferralsModule,
    NotificationsModule,
    TasksModule,
    MdtModule,
  ],
  controllers: [PathwaysController, PathwayReportsController],
  providers: [PathwaysService, OutcomesService, PathwayReportsService, NotifyUrgentPhq9Job],
  exports: [PathwaysService, OutcomesService, PathwayReportsService],
})
export class PathwaysModule {
  constructor(
    abilities: AbilityFactory,
    jobs: JobRegistry,
    urgent: NotifyUrgentPhq9Job,
    mdt: MdtService,
    mdtPathways: MdtPathways,
    pathways: PathwaysService,
  ) {
    abilities.register(pathwaysPolicy, { Pathway: { patientData: true }, Outcome: { patientData: true } });
    jobs.subscribe(PHQ9_URGENT, 'pathways:notify-urgent-phq9', (event) => urgent.handle(event));
    // The pathway's lead clinician changes the pathway; nothing changes by itself.
    jobs.subscribe(MDT_DECISION_RECORDED, 'pathways:mdt-change-pathway', (event) =>
      mdt.raiseFollowUp(event.decisionId, 'change-pathway', 'mdt-change-pathway'),
    );
    mdtPathways.provide(pathways);
  }
}
