import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CommonModule, loggerModule } from '@carepath/common';
import { DatabaseModule, JobsRunnerModule } from '@carepath/database';
import { AuthModule } from '@carepath/auth';
import { AuditModule } from '@carepath/audit';
import { PatientsModule } from '@carepath/patients';
import { NotificationsModule } from '@carepath/notifications';
import { ReferralsModule } from '@carepath/referrals';
import { PathwaysModule } from '@carepath/pathways';
import { DirectoryModule } from '@carepath/directory';
import { HandoffsModule } from '@carepath/handoffs';

/** The worker process: the same domain modules (for their job handlers), the outbox relay and the job worker. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CommonModule.forRoot(config),
        loggerModule(config),
        DatabaseModule.forRoot(databaseUrl),
        AuthModule,
        AuditModule,
        PatientsModule,
        NotificationsModule,
        ReferralsModule,
        PathwaysModule,
        DirectoryModule,
        HandoffsModule,
        JobsRunnerModule,
      ],
    };
  }
}
