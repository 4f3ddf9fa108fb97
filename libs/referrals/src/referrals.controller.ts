import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, UuidParam } from '@carepath/common';
import { Idempotent } from '@carepath/database';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { AppointmentsService } from './appointments.service';
import {
  AppointmentResponse,
  AttendanceRequest,
  BookAppointmentRequest,
  CreateDelayRequest,
  CreateReferralRequest,
  DischargeRequest,
  ListReferralsQuery,
  ReferralDetailResponse,
  ReferralPage,
  TriageRequest,
  VersionedReasonRequest,
  VersionRequest,
} from './dto/referrals.dto';
import { ReferralsService } from './referrals.service';

const NOT_FOUND = 'No such referral, or not one you may see';
const CONFLICT = 'Stale version, or a transition not allowed from the current status (details name both)';

@ApiTags('referrals')
@Controller()
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields (named in details.fields)')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly appointments: AppointmentsService,
  ) {}

  @Post('referrals')
  @Idempotent()
  @ApiOperation({ summary: 'Refer a patient (the same external reference never makes a second referral)' })
  @Authenticated({ action: 'create', subject: 'Referral' })
  @ApiCreatedResponse({ type: ReferralDetailResponse, description: 'A new referral' })
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'The existing referral with this external reference and the same body' })
  @ApiError(HttpStatus.NOT_FOUND, 'No such patient, or not one you may refer')
  @ApiError(HttpStatus.CONFLICT, 'A different referral already has this external reference')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'receivedOn is in the future')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateReferralRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReferralDetailResponse> {
    const result = await this.referrals.create(actor, body);
    res.status(result.created ? 201 : 200);
    return result.referral;
  }

  @Get('referrals')
  @ApiOperation({ summary: 'List the referrals you may see' })
  @Authenticated({ action: 'read', subject: 'Referral' })
  @ApiOkResponse({ type: ReferralPage, description: 'Referrals you may see, newest received first, with the total' })
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralsQuery): Promise<ReferralPage> {
    return this.referrals.list(actor, query);
  }

  @Get('referrals/:id')
  @ApiOperation({ summary: 'One referral with its clock, history and appointments' })
  @Authenticated({ action: 'read', subject: 'Referral' })
  @ApiOkResponse({ type: ReferralDetailResponse })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ReferralDetailResponse> {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/triage')
  @ApiOperation({ summary: 'Triage a referral: accept, reject, redirect or request information' })
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, CONFLICT)
  triage(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: TriageRequest): Promise<ReferralDetailResponse> {
    return this.referrals.triage(actor, id, body);
  }

  @Post('referrals/:id/info-received')
  @ApiOperation({ summary: 'The information requested arrived: back to triage' })
  @Authenticated({ action: 'update', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'The information asked for arrived: back to received, for triage' })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, CONFLICT)
  infoReceived(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: VersionRequest): Promise<ReferralDetailResponse> {
    return this.referrals.infoReceived(actor, id, body);
  }

  @Post('referrals/:id/discharge')
  @ApiOperation({ summary: 'Discharge a referral' })
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'Discharged; a running clock stops (non-treatment stop)' })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, CONFLICT)
  discharge(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: DischargeRequest): Promise<ReferralDetailResponse> {
    return this.referrals.discharge(actor, id, body);
  }

  @Post('referrals/:id/entered-in-error')
  @ApiOperation({ summary: 'Mark a referral as entered in error' })
  @Authenticated({ action: 'correct', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, CONFLICT)
  enteredInError(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: VersionedReasonRequest,
  ): Promise<ReferralDetailResponse> {
    return this.referrals.enteredInError(actor, id, body);
  }

  @Post('referrals/:id/active-monitoring')
  @ApiOperation({ summary: 'Start active monitoring (a non-treatment clock stop)' })
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'Clock stopped for active monitoring; a review task is due in 12 weeks' })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, 'Stale version, closed referral, or the clock is not running')
  activeMonitoring(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: VersionedReasonRequest,
  ): Promise<ReferralDetailResponse> {
    return this.referrals.startActiveMonitoring(actor, id, body);
  }

  @Post('referrals/:id/decision-to-treat')
  @ApiOperation({ summary: 'Decide to treat after active monitoring (a new clock)' })
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'A new clock starts' })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or the referral is not in active monitoring')
  decisionToTreat(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: VersionRequest): Promise<ReferralDetailResponse> {
    return this.referrals.decisionToTreat(actor, id, body);
  }

  @Post('referrals/:id/delays')
  @Idempotent()
  @ApiOperation({ summary: 'Record a patient-initiated delay' })
  @Authenticated({ action: 'update', subject: 'Referral' })
  @ApiCreatedResponse({ type: ReferralDetailResponse, description: 'Recorded (not subtracted); over 6 weeks raises a review task' })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, 'The referral is closed')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'endsOn before startsOn')
  addDelay(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CreateDelayRequest): Promise<ReferralDetailResponse> {
    return this.referrals.addDelay(actor, id, body);
  }

  @Post('referrals/:id/appointments')
  @Idempotent()
  @ApiOperation({ summary: 'Book the assessment or the introductory session' })
  @Authenticated({ action: 'update', subject: 'Referral' })
  @ApiCreatedResponse({ type: AppointmentResponse, description: "Booked; carries the patient's interpreter need" })
  @ApiError(HttpStatus.NOT_FOUND, NOT_FOUND)
  @ApiError(HttpStatus.CONFLICT, 'The referral is not awaiting an appointment, or is already assessed')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'communicatedAt in the future')
  book(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: BookAppointmentRequest): Promise<AppointmentResponse> {
    return this.appointments.book(actor, id, body);
  }

  @Post('appointments/:id/attendance')
  @ApiOperation({ summary: 'Record attendance at an assessment or introductory session' })
  @Authenticated({ action: 'update', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such appointment, or not one you may change')
  @ApiError(HttpStatus.CONFLICT, 'Stale version, or attendance already recorded')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'isTreatment on anything but an attended assessment')
  attendance(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: AttendanceRequest): Promise<AppointmentResponse> {
    return this.appointments.recordAttendance(actor, id, body);
  }
}
