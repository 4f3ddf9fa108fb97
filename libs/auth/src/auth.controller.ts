import { ThrottlerGuard } from '@nestjs/throttler';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@carepath/common';
import { Actor } from './actor';
import { AuthService } from './auth.service';
import { Authenticated, CurrentActor, Public } from './authenticated.decorator';
import { LoginRequest, MeResponse, RefreshRequest, TokenPair } from './dto/auth.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @ApiOperation({ summary: 'Sign in with email and password' })
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair })
  @ApiError(HttpStatus.BAD_REQUEST, 'Malformed body')
  @ApiError(HttpStatus.UNAUTHORIZED, 'Email or password is incorrect, or the account is disabled')
  @ApiError(HttpStatus.TOO_MANY_REQUESTS, 'Too many sign-in attempts; wait a minute')
  login(@Body() body: LoginRequest): Promise<TokenPair> {
    return this.auth.login(body.email, body.password);
  }

  @Post('auth/refresh')
  @ApiOperation({ summary: 'Swap a refresh token for a new token pair' })
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair, description: 'A new pair; the refresh token sent is now spent' })
  @ApiError(HttpStatus.BAD_REQUEST, 'Malformed body')
  @ApiError(HttpStatus.UNAUTHORIZED, 'Unknown, expired or reused refresh token (reuse revokes the whole session)')
  @ApiError(HttpStatus.TOO_MANY_REQUESTS, 'Too many attempts')
  refresh(@Body() body: RefreshRequest): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @ApiOperation({ summary: 'Sign out: end this session and revoke its refresh tokens' })
  @Authenticated({ action: 'read', subject: 'User' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session and its refresh tokens are revoked' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user and their organisation' })
  @Authenticated({ action: 'read', subject: 'User' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor);
  }
}
