import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import {
  AddActivityRequest,
  BookSessionRequest,
  CreatePathwayRequest,
  OutcomeList,
  OutcomeResponse,
  PathwayResponse,
  PathwayStatusRequest,
  RecordOutcomeRequest,
  SessionAttendanceRequest,
  SessionResponse,
  UpdateActivityRequest,
} from './dto/pathways.dto';
import { OutcomesService } from './outcomes.service';
import { PathwaysService } from './pathways.service';

const NOT_FOUND = 'No such pathway, or not one you may see';
const CONFLICT = 'Stale version, or a transition not allowed from the current status (details name both)';

@ApiTags('pathways')
@Controller()
@ApiBadRequestResponse({ description: 'Invalid fields (named in details.fields)' })
export class PathwaysController {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Post('referrals/:id/pathway')
  @Authenticated({ action: 'create', subject: 'Pathway' })
  @ApiCreatedResponse({ type: PathwayResponse, description: 'Agreed at assessment; the referral counts as assessed' })
  @ApiNotFoundResponse({ description: 'No such referral, or not one you may see' })
  @ApiConflictResponse({ description: 'The referral is not accepted, or already has a pathway' })
  @ApiUnprocessableEntityResponse({ description: 'A lead clinician is not a clinician of this service' })
  create(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CreatePathwayRequest): Promise<PathwayResponse> {
    return this.pathways.create(actor, id, body);
  }

  @Get('pathways/:id')
  @Authenticated({ action: 'read', subject: 'Pathway' })
  @ApiOkResponse({
    type: PathwayResponse,
    description: 'Activities with counters and sessions (notes for clinicians only), and the history',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<PathwayResponse> {
    return this.pathways.get(actor, id);
  }

  @Post('pathways/:id/status')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @HttpCode(200)
  @ApiOkResponse({ type: PathwayResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  status(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: PathwayStatusRequest): Promise<PathwayResponse> {
    return this.pathways.changeStatus(actor, id, body);
  }

  @Post('pathways/:id/activities')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @ApiCreatedResponse({ type: PathwayResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Stale version, or the pathway is closed' })
  @ApiUnprocessableEntityResponse({ description: 'The lead clinician is not a clinician of this service' })
  addActivity(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: AddActivityRequest): Promise<PathwayResponse> {
    return this.pathways.addActivity(actor, id, body);
  }

  @Patch('activities/:id')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @ApiOkResponse({ type: PathwayResponse })
  @ApiNotFoundResponse({ description: 'No such activity, or not one you may change' })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'The lead clinician is not a clinician of this service' })
  updateActivity(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateActivityRequest): Promise<PathwayResponse> {
    return this.pathways.updateActivity(actor, id, body);
  }

  @Post('activities/:id/sessions')
  @Authenticated({ action: 'schedule', subject: 'Pathway' })
  @ApiCreatedResponse({ type: SessionResponse, description: "Booked; carries the patient's communication needs" })
  @ApiNotFoundResponse({ description: 'No such activity, or not one you may book' })
  @ApiConflictResponse({ description: 'The activity or pathway takes no bookings' })
  bookSession(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: BookSessionRequest): Promise<SessionResponse> {
    return this.pathways.bookSession(actor, id, body);
  }

  @Post('sessions/:id/attendance')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @HttpCode(200)
  @ApiOkResponse({
    type: SessionResponse,
    description: 'The first attended session stops the waiting-time clock; a DNA raises a review task',
  })
  @ApiNotFoundResponse({ description: 'No such session, or not one you may record' })
  @ApiConflictResponse({ description: 'Stale version, or attendance already recorded (e.g. a cancelled session)' })
  attendance(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: SessionAttendanceRequest): Promise<SessionResponse> {
    return this.pathways.recordAttendance(actor, id, body);
  }

  @Post('pathways/:id/outcomes')
  @Authenticated({ action: 'create', subject: 'Outcome' })
  @ApiCreatedResponse({ type: OutcomeResponse, description: 'Scored here; PHQ-9 item 9 above 0 raises an urgent task and notification' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The pathway was entered in error' })
  recordOutcome(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: RecordOutcomeRequest): Promise<OutcomeResponse> {
    return this.outcomes.record(actor, id, body);
  }

  @Get('pathways/:id/outcomes')
  @Authenticated({ action: 'read', subject: 'Outcome' })
  @ApiOkResponse({ type: OutcomeList })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  listOutcomes(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<OutcomeList> {
    return this.outcomes.list(actor, id);
  }
}
