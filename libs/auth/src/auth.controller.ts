import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
} from '@nestjs/swagger';
import { Actor } from './actor';
import { AuthService } from './auth.service';
import { Authenticated, CurrentActor, Public } from './authenticated.decorator';
import { LoginRequest, MeResponse, RefreshRequest, TokenPair } from './dto/auth.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair })
  @ApiBadRequestResponse({ description: 'Malformed body' })
  @ApiUnauthorizedResponse({ description: 'Email or password is incorrect, or the account is disabled' })
  @ApiTooManyRequestsResponse({ description: 'Too many sign-in attempts; wait a minute' })
  login(@Body() body: LoginRequest): Promise<TokenPair> {
    return this.auth.login(body.email, body.password);
  }

  @Post('auth/refresh')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair, description: 'A new pair; the refresh token sent is now spent' })
  @ApiBadRequestResponse({ description: 'Malformed body' })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or reused refresh token (reuse revokes the whole session)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts' })
  refresh(@Body() body: RefreshRequest): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @Authenticated({ action: 'read', subject: 'User' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session and its refresh tokens are revoked' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Get('me')
  @Authenticated({ action: 'read', subject: 'User' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor);
  }
}
