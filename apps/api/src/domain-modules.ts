import { AuditModule } from '@carepath/audit';
import { AuthModule } from '@carepath/auth';
import { DirectoryModule } from '@carepath/directory';
import { HandoffsModule } from '@carepath/handoffs';
import { LettersModule } from '@carepath/letters';
import { MdtModule } from '@carepath/mdt';
import { NotificationsModule } from '@carepath/notifications';
import { PathwaysModule } from '@carepath/pathways';
import { PatientsModule } from '@carepath/patients';
import { ReferralsModule } from '@carepath/referrals';
import { TasksModule } from '@carepath/tasks';

/**
 * The one list of domain libraries. The API process and the worker process both import exactly these, so a
 * library's controllers, event subscribers, job schedulers and CASL rules are present wherever they are needed.
 * A new domain library is added here and nowhere else.
 */
export const DOMAIN_MODULES = [
  AuthModule,
  AuditModule,
  PatientsModule,
  NotificationsModule,
  TasksModule,
  ReferralsModule,
  PathwaysModule,
  DirectoryModule,
  HandoffsModule,
  MdtModule,
  LettersModule,
];
