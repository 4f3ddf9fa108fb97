import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { AppConfig } from '@carepath/common';
import { dataSourceOptions } from './data-source';
import { IdempotencyModule } from './idempotency.module';
import { JobRegistry } from './job-registry';
import { JobData, QUEUE_NAME, queueBackend } from './job-queue';

/** Connection errors surface through /health/ready and the relay's retries, not as crashes. */
@Injectable()
class QueueErrors {
  constructor(@InjectQueue(QUEUE_NAME) queue: Queue<JobData>) {
    queue.on('error', () => undefined);
  }
}

/**
 * The database connection (TypeORM through @nestjs/typeorm, from the same options the CLI and the tests use), the
 * job queue (@nestjs/bullmq, on Redis or on PostgreSQL) and the job registry, for every module. Libraries add their
 * entities with TypeOrmModule.forFeature and inject repositories with @InjectRepository.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const queueOptions = queueBackend(config, databaseUrl);
    const queue = BullModule.registerQueue({ name: QUEUE_NAME });
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({ useFactory: () => ({ ...dataSourceOptions(databaseUrl), retryAttempts: 0 }) }),
        // Workers start when the app says so (JobsProcessor.start), never merely because the module loaded.
        BullModule.forRoot({ ...queueOptions, extraOptions: { manualRegistration: true } }),
        queue,
        IdempotencyModule,
      ],
      providers: [JobRegistry, QueueErrors],
      exports: [TypeOrmModule, queue, JobRegistry],
    };
  }
}
