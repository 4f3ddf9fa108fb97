import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, PageQuery, UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { Idempotent } from '@carepath/database';
import {
  AddCaseRequest,
  CaseResponse,
  CreateMeetingRequest,
  DecisionRequest,
  DuePage,
  DueQuery,
  MeetingPage,
  MeetingResponse,
  MeetingVersionRequest,
  RemoveCaseRequest,
} from './dto/mdt.dto';
import { MdtService } from './mdt.service';

@ApiTags('mdt')
@Controller('mdt')
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields or query')
@ApiError(HttpStatus.FORBIDDEN, 'Not a clinician or admin of a pain service')
export class MdtController {
  constructor(private readonly mdt: MdtService) {}

  @Get('due')
  @ApiOperation({ summary: "The service's cases due for MDT review by a day: urgent first, then the most overdue" })
  @Authenticated({ action: 'read', subject: 'Mdt' })
  @ApiOkResponse({ type: DuePage })
  due(@CurrentActor() actor: Actor, @Query() query: DueQuery): Promise<DuePage> {
    return this.mdt.dueList(actor, query);
  }

  @Post('meetings')
  @Idempotent()
  @ApiOperation({ summary: 'Plan an MDT meeting; its case list is generated from the due list as of its day' })
  @Authenticated({ action: 'create', subject: 'Mdt' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'An attendee is not an active clinician of the service')
  create(@CurrentActor() actor: Actor, @Body() body: CreateMeetingRequest): Promise<MeetingResponse> {
    return this.mdt.createMeeting(actor, body);
  }

  @Get('meetings')
  @ApiOperation({ summary: "The service's MDT meetings, latest first" })
  @Authenticated({ action: 'read', subject: 'Mdt' })
  @ApiOkResponse({ type: MeetingPage })
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<MeetingPage> {
    return this.mdt.listMeetings(actor, query);
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'One meeting with its case list (refreshed from the due list until the meeting starts)' })
  @Authenticated({ action: 'read', subject: 'Mdt' })
  @ApiOkResponse({ type: MeetingResponse, description: "Admins get every decision without the discussion's summary" })
  @ApiError(HttpStatus.NOT_FOUND, 'No such meeting in your service')
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MeetingResponse> {
    return this.mdt.getMeeting(actor, id);
  }

  @Post('meetings/:id/start')
  @ApiOperation({ summary: 'Start the meeting: its case list is frozen' })
  @Authenticated({ action: 'update', subject: 'Mdt' })
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such meeting in your service')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the meeting is not planned')
  start(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: MeetingVersionRequest): Promise<MeetingResponse> {
    return this.mdt.startMeeting(actor, id, body.version);
  }

  @Post('meetings/:id/close')
  @ApiOperation({ summary: 'Close the meeting: no new decisions (amendments, with a reason, remain possible)' })
  @Authenticated({ action: 'update', subject: 'Mdt' })
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such meeting in your service')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the meeting is not in progress')
  close(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: MeetingVersionRequest): Promise<MeetingResponse> {
    return this.mdt.closeMeeting(actor, id, body.version);
  }

  @Post('meetings/:id/cases')
  @Idempotent()
  @ApiOperation({ summary: "Add a pathway to the meeting's case list, with a reason" })
  @Authenticated({ action: 'update', subject: 'Mdt' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such meeting or pathway in your service')
  @ApiError(HttpStatus.CONFLICT, 'Already on the list, the pathway is not active, or the meeting is closed')
  addCase(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: AddCaseRequest): Promise<MeetingResponse> {
    return this.mdt.addCase(actor, id, body);
  }

  @Post('meetings/:id/cases/:pathwayId/remove')
  @ApiOperation({ summary: "Take a case off the meeting's case list, with a reason" })
  @Authenticated({ action: 'update', subject: 'Mdt' })
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such meeting in your service')
  @ApiError(HttpStatus.CONFLICT, 'Not on the list, stale version, a decision already taken, or the meeting is closed')
  removeCase(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('pathwayId') pathwayId: string,
    @Body() body: RemoveCaseRequest,
  ): Promise<MeetingResponse> {
    return this.mdt.removeCase(actor, id, pathwayId, body);
  }

  @Post('meetings/:id/cases/:pathwayId/decision')
  @Idempotent()
  @ApiOperation({ summary: "Record the MDT's decision on a case (or amend it, with amendmentReason); actions become tasks" })
  @Authenticated({ action: 'update', subject: 'Mdt' })
  @ApiCreatedResponse({ type: CaseResponse, description: 'The case with its decision history, oldest first' })
  @ApiError(HttpStatus.NOT_FOUND, 'No such meeting in your service')
  @ApiError(
    HttpStatus.CONFLICT,
    'Not on the case list, stale case version, meeting not started or closed, a decision already recorded (amend it), or nothing to amend',
  )
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'An action owner is not an active clinician of the service')
  decide(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('pathwayId') pathwayId: string,
    @Body() body: DecisionRequest,
  ): Promise<CaseResponse> {
    return this.mdt.decide(actor, id, pathwayId, body);
  }
}
