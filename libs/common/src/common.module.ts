import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from './config';
import { Clock, SystemClock } from './clock';

/** Provides the validated configuration and the clock to every module. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
