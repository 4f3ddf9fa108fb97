import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { AppConfig, APP_CONFIG } from '@carepath/common';
import { dataSourceOptions } from './data-source';
import { JobHandlerRegistry } from './job-handlers';
import { createQueue, JobData } from './job-queue';
import { DATABASE_URL, JOB_QUEUE } from './tokens';

@Injectable()
class QueueLifecycle implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: Queue<JobData>) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}

/**
 * The database connection (TypeORM through @nestjs/typeorm, from the same options the CLI and the tests use),
 * the job queue and the job handler registry, for every module. Libraries add their entities with
 * TypeOrmModule.forFeature and inject repositories with @InjectRepository.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => ({ ...dataSourceOptions(databaseUrl), retryAttempts: 0 }) })],
      providers: [
        { provide: DATABASE_URL, useValue: databaseUrl },
        {
          provide: JOB_QUEUE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => createQueue(config, databaseUrl),
        },
        JobHandlerRegistry,
        QueueLifecycle,
      ],
      exports: [DATABASE_URL, TypeOrmModule, JOB_QUEUE, JobHandlerRegistry],
    };
  }
}
