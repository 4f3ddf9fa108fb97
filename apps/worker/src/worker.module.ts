import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CommonModule, loggerModule } from '@carepath/common';
import { DatabaseModule, JobsRunnerModule } from '@carepath/database';
import { DOMAIN_MODULES } from '../../api/src/domain-modules';

/** The worker process: the same domain modules (for their job handlers), the outbox relay and the job worker. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CommonModule.forRoot(config),
        loggerModule(config),
        DatabaseModule.forRoot(config, databaseUrl),
        ...DOMAIN_MODULES,
        JobsRunnerModule,
      ],
    };
  }
}
