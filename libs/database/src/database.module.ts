import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@carepath/common';
import { createDataSource } from './data-source';
import { JobHandlerRegistry } from './job-handlers';
import { createQueue, JobData } from './job-queue';
import { DATABASE_URL, JOB_QUEUE } from './tokens';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: Queue<JobData>,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The database connection, the job queue and the job handler registry, for every module. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_URL, useValue: databaseUrl },
        {
          provide: DataSource,
          useFactory: async () => createDataSource(databaseUrl).initialize(),
        },
        {
          provide: JOB_QUEUE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => createQueue(config, databaseUrl),
        },
        JobHandlerRegistry,
        DatabaseLifecycle,
      ],
      exports: [DATABASE_URL, DataSource, JOB_QUEUE, JobHandlerRegistry],
    };
  }
}
