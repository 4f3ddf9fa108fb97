import { Module } from '@nestjs/common';
import { DirectoryModule } from '@carepath/directory';
import { HandoffsModule } from '@carepath/handoffs';
import { LettersModule } from '@carepath/letters';
import { MdtModule } from '@carepath/mdt';
import { NotificationsModule } from '@carepath/notifications';
import { PathwaysModule } from '@carepath/pathways';
import { PatientsModule } from '@carepath/patients';
import { ReferralsModule } from '@carepath/referrals';
import { TasksModule } from '@carepath/tasks';
import { AccessLogController } from './controllers/access-log.controller';
import { FindSupportController } from './controllers/find-support.controller';
import { GpController } from './controllers/gp.controller';
import { HomeController } from './controllers/home.controller';
import { LettersPagesController } from './controllers/letters.controller';
import { MdtPagesController } from './controllers/mdt.controller';
import { NotificationsPagesController } from './controllers/notifications.controller';
import { OutcomePagesController } from './controllers/outcomes.controller';
import { PathwayPagesController } from './controllers/pathways.controller';
import { ReportsPagesController } from './controllers/reports.controller';
import { PatientsPagesController } from './controllers/patients.controller';
import { ReferralsPagesController } from './controllers/referrals.controller';
import { TriagePagesController } from './controllers/triage.controller';
import { SignInController } from './controllers/sign-in.controller';
import { TasksController } from './controllers/tasks.controller';
import { WaitingListsController } from './controllers/waiting-lists.controller';
import { DirectoryEntriesController } from './controllers/directory-entries.controller';
import { HandoffPagesController } from './controllers/handoff-pages.controller';
import { Csrf, CsrfGuard } from './csrf';
import { WebErrorFilter } from './web-error.filter';
import { WebLocalsInterceptor } from './web-locals.interceptor';

/**
 * The web interface, mounted by the API process at `/`. Its page controllers call the same domain services as the
 * API, with the signed-in actor, so access checks, audit, 404s and rules are the API's own.
 */
@Module({
  imports: [
    DirectoryModule,
    PatientsModule,
    ReferralsModule,
    LettersModule,
    NotificationsModule,
    TasksModule,
    MdtModule,
    PathwaysModule,
    HandoffsModule,
  ],
  controllers: [
    SignInController,
    HomeController,
    FindSupportController,
    GpController,
    LettersPagesController,
    NotificationsPagesController,
    WaitingListsController,
    TasksController,
    AccessLogController,
    MdtPagesController,
    ReportsPagesController,
    PathwayPagesController,
    OutcomePagesController,
    DirectoryEntriesController,
    HandoffPagesController,
    PatientsPagesController,
    ReferralsPagesController,
    TriagePagesController,
  ],
  providers: [Csrf, CsrfGuard, WebLocalsInterceptor, WebErrorFilter],
})
export class WebModule {}
