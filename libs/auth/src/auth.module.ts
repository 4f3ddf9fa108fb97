import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
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
import { Organisation } from './organisation.entity';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { RefreshToken } from './refresh-token.entity';
import { TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, User, AuthSession, RefreshToken]),
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ throttlers: [{ ttl: 60_000, limit: config.loginThrottleLimit }] }),
    }),
  ],
  controllers: [AuthController, UsersController, OrganisationsController],
  providers: [
    AbilityFactory,
    TokensService,
    AuthService,
    UsersService,
    OrganisationsService,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AbilityFactory, AuthService],
})
export class AuthModule {
  constructor(abilities: AbilityFactory) {
    abilities.register(authPolicy);
  }
}
