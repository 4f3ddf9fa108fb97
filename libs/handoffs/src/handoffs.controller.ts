import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiError, UuidParam } from '@carepath/common';
import { Idempotent } from '@carepath/database';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import {
  CreateHandoffRequest,
  HandoffForReceiver,
  HandoffForRequester,
  HandoffPage,
  HandoffStatusRequest,
  ListHandoffsQuery,
} from './dto/handoffs.dto';
import { HandoffsService } from './handoffs.service';

const EITHER_VIEW = { oneOf: [{ $ref: getSchemaPath(HandoffForRequester) }, { $ref: getSchemaPath(HandoffForReceiver) }] };

@ApiTags('handoffs')
@Controller('handoffs')
@ApiExtraModels(HandoffForRequester, HandoffForReceiver)
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields (a reason to reject or cancel, an outcome to complete)')
export class HandoffsController {
  constructor(private readonly handoffs: HandoffsService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Hand a patient off to a community service, under their active consent' })
  @Authenticated({ action: 'create', subject: 'Handoff' })
  @ApiCreatedResponse({ type: HandoffForRequester })
  @ApiError(HttpStatus.NOT_FOUND, 'No such patient, or not one you may see')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, "No active consent for the service's organisation, or an unknown directory service")
  create(@CurrentActor() actor: Actor, @Body() body: CreateHandoffRequest): Promise<HandoffForRequester> {
    return this.handoffs.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List handoffs: an inbox for a social prescriber, sent handoffs for a clinician' })
  @Authenticated({ action: 'read', subject: 'Handoff' })
  @ApiOkResponse({ type: HandoffPage, description: "A social prescriber's inbox, or the handoffs a clinician made; newest first" })
  list(@CurrentActor() actor: Actor, @Query() query: ListHandoffsQuery): Promise<HandoffPage> {
    return this.handoffs.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One handoff, in the view your side may see' })
  @Authenticated({ action: 'read', subject: 'Handoff' })
  @ApiOkResponse({ schema: EITHER_VIEW, description: 'A social prescriber gets the minimum view' })
  @ApiError(HttpStatus.NOT_FOUND, 'No such handoff, not yours, or its consent was withdrawn')
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<HandoffForReceiver | HandoffForRequester> {
    return this.handoffs.get(actor, id);
  }

  @Post(':id/status')
  @ApiOperation({ summary: "Move a handoff on (the side's allowed steps only)" })
  @Authenticated({ action: 'update', subject: 'Handoff' })
  @HttpCode(200)
  @ApiOkResponse({ schema: EITHER_VIEW })
  @ApiError(HttpStatus.NOT_FOUND, 'No such handoff, not yours, or its consent was withdrawn')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, a transition not in the machine, or one the other side must make')
  status(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: HandoffStatusRequest,
  ): Promise<HandoffForReceiver | HandoffForRequester> {
    return this.handoffs.changeStatus(actor, id, body);
  }
}
