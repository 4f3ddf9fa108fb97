import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '@carepath/common';
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
@ApiBadRequestResponse({ description: 'Invalid fields (named in details.fields)' })
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly appointments: AppointmentsService,
  ) {}

  @Post('referrals')
  @Authenticated({ action: 'create', subject: 'Referral' })
  @ApiCreatedResponse({ type: ReferralDetailResponse, description: 'A new referral' })
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'The existing referral with this external reference and the same body' })
  @ApiNotFoundResponse({ description: 'No such patient, or not one you may refer' })
  @ApiConflictResponse({ description: 'A different referral already has this external reference' })
  @ApiUnprocessableEntityResponse({ description: 'receivedOn is in the future' })
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
  @Authenticated({ action: 'read', subject: 'Referral' })
  @ApiOkResponse({ type: ReferralPage, description: 'Referrals you may see, newest received first, with the total' })
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralsQuery): Promise<ReferralPage> {
    return this.referrals.list(actor, query);
  }

  @Get('referrals/:id')
  @Authenticated({ action: 'read', subject: 'Referral' })
  @ApiOkResponse({ type: ReferralDetailResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ReferralDetailResponse> {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/triage')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  triage(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: TriageRequest): Promise<ReferralDetailResponse> {
    return this.referrals.triage(actor, id, body);
  }

  @Post('referrals/:id/info-received')
  @Authenticated({ action: 'update', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'The information asked for arrived: back to received, for triage' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  infoReceived(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: VersionRequest): Promise<ReferralDetailResponse> {
    return this.referrals.infoReceived(actor, id, body);
  }

  @Post('referrals/:id/discharge')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'Discharged; a running clock stops (non-treatment stop)' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  discharge(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: DischargeRequest): Promise<ReferralDetailResponse> {
    return this.referrals.discharge(actor, id, body);
  }

  @Post('referrals/:id/entered-in-error')
  @Authenticated({ action: 'correct', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  enteredInError(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: VersionedReasonRequest,
  ): Promise<ReferralDetailResponse> {
    return this.referrals.enteredInError(actor, id, body);
  }

  @Post('referrals/:id/active-monitoring')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'Clock stopped for active monitoring; a review task is due in 12 weeks' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Stale version, closed referral, or the clock is not running' })
  activeMonitoring(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: VersionedReasonRequest,
  ): Promise<ReferralDetailResponse> {
    return this.referrals.startActiveMonitoring(actor, id, body);
  }

  @Post('referrals/:id/decision-to-treat')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDetailResponse, description: 'A new clock starts' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Stale version, or the referral is not in active monitoring' })
  decisionToTreat(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: VersionRequest): Promise<ReferralDetailResponse> {
    return this.referrals.decisionToTreat(actor, id, body);
  }

  @Post('referrals/:id/delays')
  @Authenticated({ action: 'update', subject: 'Referral' })
  @ApiCreatedResponse({ type: ReferralDetailResponse, description: 'Recorded (not subtracted); over 6 weeks raises a review task' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The referral is closed' })
  @ApiUnprocessableEntityResponse({ description: 'endsOn before startsOn' })
  addDelay(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CreateDelayRequest): Promise<ReferralDetailResponse> {
    return this.referrals.addDelay(actor, id, body);
  }

  @Post('referrals/:id/appointments')
  @Authenticated({ action: 'update', subject: 'Referral' })
  @ApiCreatedResponse({ type: AppointmentResponse, description: "Booked; carries the patient's interpreter need" })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The referral is not awaiting an appointment, or is already assessed' })
  @ApiUnprocessableEntityResponse({ description: 'communicatedAt in the future' })
  book(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: BookAppointmentRequest): Promise<AppointmentResponse> {
    return this.appointments.book(actor, id, body);
  }

  @Post('appointments/:id/attendance')
  @Authenticated({ action: 'update', subject: 'Referral' })
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentResponse })
  @ApiNotFoundResponse({ description: 'No such appointment, or not one you may change' })
  @ApiConflictResponse({ description: 'Stale version, or attendance already recorded' })
  @ApiUnprocessableEntityResponse({ description: 'isTreatment on anything but an attended assessment' })
  attendance(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: AttendanceRequest): Promise<AppointmentResponse> {
    return this.appointments.recordAttendance(actor, id, body);
  }
}
