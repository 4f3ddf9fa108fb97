import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '@carepath/common';
import { AbilityFactory } from './ability.factory';
import { AuthSession } from './auth-session.entity';
import { AuthController } from './auth.controller';
import { authPolicy } from './auth.policy';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { JwtStrategy } from './jwt.strategy';
import { Organisation } from './organisation.entity';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { RefreshToken } from './refresh-token.entity';
import { RouteSubjectsCheck } from './route-subjects.check';
import { TokensService } from './tokens.service';
import { WebSessionsService } from './web-sessions.service';
import { UsersController } from './users.controller';
import { User } from './user.entity';
import { UsersService } from './users.service';
import { accountTracker, addressTracker } from './login-throttle.trackers';
import { RedisThrottlerStorage, ThrottlerStorageModule } from './redis-throttler.storage';

/** One address may try this many times the per-account limit (a hospital's staff share one address). */
const ADDRESS_CEILING = 10;

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, User, AuthSession, RefreshToken]),
    DiscoveryModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [APP_CONFIG, RedisThrottlerStorage],
      useFactory: (config: AppConfig, redisStorage: RedisThrottlerStorage | null) => ({
        throttlers: [
          { name: 'account', ttl: 60_000, limit: config.loginThrottleLimit, getTracker: accountTracker },
          { name: 'address', ttl: 60_000, limit: config.loginThrottleLimit * ADDRESS_CEILING, getTracker: addressTracker },
        ],
        ...(redisStorage ? { storage: redisStorage } : {}),
      }),
    }),
  ],
  controllers: [AuthController, UsersController, OrganisationsController],
  providers: [
    AbilityFactory,
    TokensService,
    AuthService,
    UsersService,
    OrganisationsService,
    JwtStrategy,
    WebSessionsService,
    RouteSubjectsCheck,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AbilityFactory, AuthService, UsersService, OrganisationsService, WebSessionsService],
})
export class AuthModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(authPolicy, { Organisation: { patientData: false }, User: { patientData: false } });
  }
}
