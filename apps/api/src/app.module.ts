import type { DestinationStream } from 'pino';
import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig, Clock, CommonModule, loggerModule, SystemClock } from '@carepath/common';
import { DatabaseModule, JobsManualModule, JobsRunnerModule } from '@carepath/database';
import { OpenReferralModule } from '@carepath/directory';
import { WebModule } from '../../web/src/web.module';
import { HealthController } from './health/health.controller';
import { QueueHealthIndicator } from './health/queue.health';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { DOMAIN_MODULES } from './domain-modules';

/** Where the HTTP API's routes are served. */
export const API_PREFIX = 'api/v1';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  clock?: Clock;
  /** `auto`: relay and worker run in this process; `manual`: tests drive them; `none`: a separate worker process does. */
  jobs: 'auto' | 'manual' | 'none';
  /** Runs after everything else has shut down (stops the embedded PostgreSQL). */
  onShutdown?: () => Promise<void>;
  /** Where logs go (default stdout); tests read them to prove nothing sensitive is logged. */
  logDestination?: DestinationStream;
}

const SHUTDOWN_HOOK = Symbol('SHUTDOWN_HOOK');

@Injectable()
class ShutdownHook implements OnApplicationShutdown {
  constructor(@Inject(SHUTDOWN_HOOK) private readonly hook: (() => Promise<void>) | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.hook?.();
  }
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const jobs = options.jobs === 'auto' ? [JobsRunnerModule] : options.jobs === 'manual' ? [JobsManualModule] : [];
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(options.config, options.clock ?? new SystemClock()),
        loggerModule(options.config, options.logDestination),
        DatabaseModule.forRoot(options.config, options.databaseUrl),
        // Down checks answer as the 503 body; the relay and worker log queue trouble where it matters.
        TerminusModule.forRoot({ logger: false }),
        ...DOMAIN_MODULES,
        // The HTTP API lives under /api/v1; health, Open Referral UK, the queue board and the web interface do not.
        RouterModule.register(DOMAIN_MODULES.map((module) => ({ path: API_PREFIX, module }))),
        OpenReferralModule,
        QueueBoardModule,
        WebModule,
        ...jobs,
      ],
      controllers: [HealthController],
      providers: [QueueHealthIndicator, { provide: SHUTDOWN_HOOK, useValue: options.onShutdown ?? null }, ShutdownHook],
    };
  }
}
