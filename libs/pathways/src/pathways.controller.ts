import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, UuidParam } from '@carepath/common';
import { Idempotent } from '@carepath/database';
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
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields (named in details.fields)')
export class PathwaysController {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Post('referrals/:id/pathway')
  @Idempotent()
  @ApiOperation({ summary: 'Agree a care pathway at the assessment of an accepted referral' })
  @Authenticated({ action: 'create', subject: 'Pathway' })
  @ApiCreatedResponse({ type: PathwayResponse, description: 'Agreed at assessment; the referral counts as assessed' })
  @ApiError(HttpStatus.NOT_FOUND, 'No such referral, or not one you may see')
  @ApiError(HttpStatus.CONFLICT, 'The referral is not accepted, or already has a pathway')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'A lead clinician is not a clinician of this service')
  create(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CreatePathwayRequest): Promise<PathwayResponse> {
    return this.pathways.create(actor, id, body);
  }

  @Get('pathways/:id')
  @ApiOperation({ summary: 'One care pathway with its activities and sessions' })
  @Authenticated({ action: 'read', subject: 'Pathway' })
  @ApiOkResponse({
    type: PathwayResponse,
    description: 'Activities with counters and sessions (notes for clinicians only), and the history',
  })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<PathwayResponse> {
    return this.pathways.get(actor, id);
  }

  @Post('pathways/:id/status')
  @ApiOperation({ summary: "Change a care pathway's status" })
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @HttpCode(200)
  @ApiOkResponse({ type: PathwayResponse })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, CONFLICT)
  status(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: PathwayStatusRequest): Promise<PathwayResponse> {
    return this.pathways.changeStatus(actor, id, body);
  }

  @Post('pathways/:id/activities')
  @Idempotent()
  @ApiOperation({ summary: 'Add an activity to a care pathway' })
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @ApiCreatedResponse({ type: PathwayResponse })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the pathway is closed')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The lead clinician is not a clinician of this service')
  addActivity(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: AddActivityRequest): Promise<PathwayResponse> {
    return this.pathways.addActivity(actor, id, body);
  }

  @Patch('activities/:id')
  @ApiOperation({ summary: 'Change a pathway activity (status, planned sessions, lead clinician)' })
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @ApiOkResponse({ type: PathwayResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such activity, or not one you may change')
  @ApiError(HttpStatus.CONFLICT, CONFLICT)
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The lead clinician is not a clinician of this service')
  updateActivity(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateActivityRequest): Promise<PathwayResponse> {
    return this.pathways.updateActivity(actor, id, body);
  }

  @Post('activities/:id/sessions')
  @Idempotent()
  @ApiOperation({ summary: 'Book a therapy session of an activity' })
  @Authenticated({ action: 'schedule', subject: 'Pathway' })
  @ApiCreatedResponse({ type: SessionResponse, description: "Booked; carries the patient's communication needs" })
  @ApiError(HttpStatus.NOT_FOUND, 'No such activity, or not one you may book')
  @ApiError(HttpStatus.CONFLICT, 'The activity or pathway takes no bookings')
  bookSession(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: BookSessionRequest): Promise<SessionResponse> {
    return this.pathways.bookSession(actor, id, body);
  }

  @Post('sessions/:id/attendance')
  @ApiOperation({ summary: 'Record attendance at a therapy session' })
  @Authenticated({ action: 'update', subject: 'Pathway' })
  @HttpCode(200)
  @ApiOkResponse({
    type: SessionResponse,
    description: 'The first attended session stops the waiting-time clock; a DNA raises a review task',
  })
  @ApiError(HttpStatus.NOT_FOUND, 'No such session, or not one you may record')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or attendance already recorded (e.g. a cancelled session)')
  attendance(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: SessionAttendanceRequest): Promise<SessionResponse> {
    return this.pathways.recordAttendance(actor, id, body);
  }

  @Post('pathways/:id/outcomes')
  @Idempotent()
  @ApiOperation({ summary: 'Record an outcome measure (scored by the service)' })
  @Authenticated({ action: 'create', subject: 'Outcome' })
  @ApiCreatedResponse({ type: OutcomeResponse, description: 'Scored here; PHQ-9 item 9 above 0 raises an urgent task and notification' })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, 'The pathway was entered in error')
  recordOutcome(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: RecordOutcomeRequest): Promise<OutcomeResponse> {
    return this.outcomes.record(actor, id, body);
  }

  @Get('pathways/:id/outcomes')
  @ApiOperation({ summary: "A pathway's outcome measures" })
  @Authenticated({ action: 'read', subject: 'Outcome' })
  @ApiOkResponse({ type: OutcomeList })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  listOutcomes(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<OutcomeList> {
    return this.outcomes.list(actor, id);
  }
}
