import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { Idempotent } from '@carepath/database';
import { FlagRequest, FlagResponse } from './dto/mdt.dto';
import { MdtService } from './mdt.service';

@ApiTags('mdt')
@Controller('pathways/:id/mdt-flag')
@ApiError(HttpStatus.BAD_REQUEST, 'A reason is required')
@ApiError(HttpStatus.FORBIDDEN, 'Only clinicians of the service flag cases')
@ApiError(HttpStatus.NOT_FOUND, 'No such pathway in your service')
export class MdtFlagsController {
  constructor(private readonly mdt: MdtService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Flag a pathway for the next MDT, sooner than its scheduled review' })
  @Authenticated({ action: 'create', subject: 'Mdt' })
  @ApiCreatedResponse({ type: FlagResponse })
  @ApiError(HttpStatus.CONFLICT, 'Already flagged, or the pathway is not active')
  flag(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: FlagRequest): Promise<FlagResponse> {
    return this.mdt.flag(actor, id, body);
  }

  @Post('withdraw')
  @ApiOperation({ summary: "Withdraw the pathway's standing MDT flag, with a reason" })
  @Authenticated({ action: 'update', subject: 'Mdt' })
  @HttpCode(200)
  @ApiOkResponse({ type: FlagResponse })
  @ApiError(HttpStatus.CONFLICT, 'The pathway has no standing flag')
  withdraw(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: FlagRequest): Promise<FlagResponse> {
    return this.mdt.withdrawFlag(actor, id, body);
  }
}
