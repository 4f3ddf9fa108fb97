import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { JobRegistry } from '@carepath/database';
import { MDT_DECISION_RECORDED, MdtModule, MdtService } from '@carepath/mdt';
import { NotificationsModule } from '@carepath/notifications';
import { PatientsModule } from '@carepath/patients';
import { TasksModule } from '@carepath/tasks';
import { AppointmentsService } from './appointments.service';
import { ClockPeriod } from './clock-period.entity';
import { DelayReviewScanJob } from './jobs/delay-review-scan.job';
import { NotifyPracticeOfTriageJob } from './jobs/notify-practice-of-triage.job';
import { ModalityCapacity } from './modality-capacity.entity';
import { PatientDelay } from './patient-delay.entity';
import { ReferralAppointment } from './referral-appointment.entity';
import { ReferralStatusChange } from './referral-status-change.entity';
import { Referral } from './referral.entity';
import { ReferralReportsController } from './referral-reports.controller';
import { ReferralReportsService } from './referral-reports.service';
import { ReferralsController } from './referrals.controller';
import { DELAY_REVIEW_SCAN, REFERRAL_TRIAGED } from './referrals.events';
import { referralsPolicy } from './referrals.policy';
import { ReferralsService } from './referrals.service';
import { WaitingListController } from './waiting-list.controller';
import { WaitingListEntry } from './waiting-list-entry.entity';
import { WaitingListService } from './waiting-list.service';

const HOURLY = 3_600_000;

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Referral,
      ReferralStatusChange,
      ClockPeriod,
      ReferralAppointment,
      PatientDelay,
      WaitingListEntry,
      ModalityCapacity,
    ]),
    PatientsModule,
    NotificationsModule,
    TasksModule,
    MdtModule,
  ],
  controllers: [ReferralsController, WaitingListController, ReferralReportsController],
  providers: [
    ReferralsService,
    AppointmentsService,
    WaitingListService,
    ReferralReportsService,
    NotifyPracticeOfTriageJob,
    DelayReviewScanJob,
  ],
  exports: [ReferralsService, AppointmentsService, WaitingListService, ReferralReportsService],
})
export class ReferralsModule {
  constructor(
    abilities: AbilityFactory,
    jobs: JobRegistry,
    notifyPractice: NotifyPracticeOfTriageJob,
    delayScan: DelayReviewScanJob,
    mdt: MdtService,
  ) {
    abilities.register(referralsPolicy, {
      Referral: { patientData: true },
      WaitingList: { patientData: true },
      Capacity: { patientData: false },
      Report: { patientData: false },
    });
    jobs.subscribe(REFERRAL_TRIAGED, 'referrals:notify-practice-of-triage', (event) => notifyPractice.handle(event));
    // A clinician discharges or refers on (with the destination on the task); the MDT only decided.
    jobs.subscribe(MDT_DECISION_RECORDED, 'referrals:mdt-discharge', (event) =>
      mdt.raiseFollowUp(event.decisionId, 'discharge', 'mdt-discharge'),
    );
    jobs.subscribe(MDT_DECISION_RECORDED, 'referrals:mdt-refer-on', (event) =>
      mdt.raiseFollowUp(event.decisionId, 'refer-on', 'mdt-refer-on'),
    );
    jobs.schedule(DELAY_REVIEW_SCAN, HOURLY, async () => {
      await delayScan.handle();
    });
  }
}
