import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '@carepath/auth';
import { JobRegistry } from '@carepath/database';
import { HandoffsModule } from '@carepath/handoffs';
import { MDT_DECISION_RECORDED, MdtModule } from '@carepath/mdt';
import { NotificationsModule } from '@carepath/notifications';
import { PATHWAY_AGREED, PathwaysModule } from '@carepath/pathways';
import { PatientsModule } from '@carepath/patients';
import { REFERRAL_DISCHARGED, REFERRAL_RECEIVED, REFERRAL_TRIAGED, ReferralsModule } from '@carepath/referrals';
import { TasksModule } from '@carepath/tasks';
import { DeliverLetterJob } from './jobs/deliver-letter.job';
import { DraftLettersJob } from './jobs/draft-letters.job';
import { LettersOverdueScanJob } from './jobs/letters-overdue-scan.job';
import { NotifyApproverJob } from './jobs/notify-approver.job';
import { LetterDelivery } from './letter-delivery.entity';
import { LetterDocument } from './letter-document.entity';
import { LetterRenderer } from './letter-renderer';
import { LetterStatusChange } from './letter-status-change.entity';
import { Letter } from './letter.entity';
import { Letterhead } from './letterhead.entity';
import { LettersController } from './letters.controller';
import { LetterReportsController } from './letter-reports.controller';
import { LETTER_CHANGED, LETTER_QUEUED, LETTERS_OVERDUE_SCAN } from './letters.events';
import { lettersPolicy } from './letters.policy';
import { LettersService } from './letters.service';
import { GpInboxTransport } from './transports/gp-inbox.transport';
import { LETTER_TRANSPORTS } from './transports/letter-transport';
import { MeshFileTransport } from './transports/mesh-file.transport';

const DAILY = 86_400_000;

@Module({
  imports: [
    TypeOrmModule.forFeature([Letter, LetterStatusChange, LetterDocument, LetterDelivery, Letterhead]),
    PatientsModule,
    ReferralsModule,
    PathwaysModule,
    HandoffsModule,
    MdtModule,
    NotificationsModule,
    TasksModule,
  ],
  controllers: [LettersController, LetterReportsController],
  providers: [
    LettersService,
    LetterRenderer,
    GpInboxTransport,
    MeshFileTransport,
    // The practice's carepath inbox first: the GP can read the letter even while the file drop is retried.
    {
      provide: LETTER_TRANSPORTS,
      useFactory: (inbox: GpInboxTransport, mesh: MeshFileTransport) => [inbox, mesh],
      inject: [GpInboxTransport, MeshFileTransport],
    },
    DraftLettersJob,
    DeliverLetterJob,
    NotifyApproverJob,
    LettersOverdueScanJob,
  ],
  exports: [LettersService],
})
export class LettersModule {
  constructor(
    abilities: AbilityFactory,
    jobs: JobRegistry,
    drafts: DraftLettersJob,
    deliver: DeliverLetterJob,
    notify: NotifyApproverJob,
    overdue: LettersOverdueScanJob,
  ) {
    abilities.register(lettersPolicy, { Letter: { patientData: true }, Letterhead: { patientData: false } });
    jobs.subscribe(REFERRAL_RECEIVED, 'letters:draft-acknowledgement', (event) => drafts.referralReceived(event));
    jobs.subscribe(REFERRAL_TRIAGED, 'letters:draft-triage-outcome', (event) => drafts.referralTriaged(event));
    jobs.subscribe(PATHWAY_AGREED, 'letters:draft-post-assessment', (event) => drafts.pathwayAgreed(event));
    jobs.subscribe(MDT_DECISION_RECORDED, 'letters:draft-mdt-progress', (event) => drafts.mdtDecisionRecorded(event));
    jobs.subscribe(REFERRAL_DISCHARGED, 'letters:draft-discharge-summary', (event) => drafts.referralDischarged(event));
    jobs.subscribe(LETTER_QUEUED, 'letters:deliver', (event) => deliver.handle(event));
    jobs.subscribe(LETTER_CHANGED, 'letters:notify-approver', (event) => notify.handle(event));
    jobs.schedule(LETTERS_OVERDUE_SCAN, DAILY, () => overdue.handle());
  }
}
