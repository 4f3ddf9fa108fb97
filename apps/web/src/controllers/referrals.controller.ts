import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, asSubject, Authenticated, CurrentActor } from '@carepath/auth';
import { Clock, UuidParam } from '@carepath/common';
import { PatientsService } from '@carepath/patients';
import {
  AppointmentsService,
  ATTENDANCE_OUTCOMES,
  AttendanceRequest,
  BookAppointmentRequest,
  CreateDelayRequest,
  CreateReferralRequest,
  DischargeRequest,
  isAcceptedOrWaiting,
  isOpen,
  PRIORITIES,
  ReferralDetailResponse,
  ReferralError,
  ReferralErrorCode,
  referralScopeFields,
  ReferralsService,
  VersionedReasonRequest,
  VersionRequest,
} from '@carepath/referrals';
import { RED_FLAG_ITEMS, RED_FLAG_NAMES, redFlagsOf } from '../referral-views';
import { dateParts, dateTimeParts, integer, list, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';

const REFERRAL_LABELS = {
  priority: 'Priority',
  reason: 'Reason for referral',
  receivedOn: 'Date received',
  externalReference: 'External reference',
};
const BOOKING_LABELS = { kind: 'Appointment', startsAt: 'Date and time', location: 'Location', communicatedAt: 'Told the patient' };
const ATTENDANCE_LABELS = { outcome: 'Attendance', isTreatment: 'Treatment' };
const DELAY_LABELS = { startsOn: 'Start date', endsOn: 'End date', reason: 'Reason', declinedOffer: 'Declined offer' };
const DECISION_LABELS = { reason: 'Reason', stopReason: 'Why the clock stops' };

const ATTENDANCE_NAMES: Record<(typeof ATTENDANCE_OUTCOMES)[number], string> = {
  attended: 'Attended',
  dna: 'Did not attend',
  'cancelled-by-patient': 'Cancelled by the patient',
  'cancelled-by-service': 'Cancelled by the service',
};

const PATIENTS = { text: 'Patients', href: '/patients' };

/** The referral form's fields as the API's request body. */
function referralBody(patientId: string, body: Record<string, unknown>): Record<string, unknown> {
  const flagged = list(body.redFlags);
  return {
    patientId,
    priority: text(body.priority),
    reason: text(body.reason),
    receivedOn: dateParts(body, 'receivedOn'),
    externalReference: text(body.externalReference),
    redFlags: redFlagsOf(flagged),
  };
}

@WebPages()
@Controller()
export class ReferralsPagesController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly appointments: AppointmentsService,
    private readonly patients: PatientsService,
    private readonly clock: Clock,
  ) {}

  /** An admin enters a referral on a GP's behalf (a letter or e-RS referral the service received). */
  @Get('patients/:id/referrals/new')
  @Authenticated({ action: 'create', subject: 'Referral', patientParam: 'id' })
  async newForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'referrals/new', await this.newContext(actor, id, { priority: 'routine', redFlags: [] }));
  }

  @Post('patients/:id/referrals/new')
  @Authenticated({ action: 'create', subject: 'Referral', patientParam: 'id' })
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const values = { ...body, redFlags: list(body.redFlags) };
    await handleForm(res, { view: 'referrals/new', context: () => this.newContext(actor, id, values) }, async () => {
      const request = await validateForm(CreateReferralRequest, referralBody(id, body), REFERRAL_LABELS);
      const { referral } = await submitForm(() => this.referrals.create(actor, request), REFERRAL_LABELS);
      return { url: `/referrals/${referral.id}`, flash: 'Referral entered' };
    });
  }

  /** The referral: its RTT clock, status, triage outcome, appointments, delays and history, with what can be done next. */
  @Get('referrals/:id')
  @Authenticated({ action: 'read', subject: 'Referral' })
  async show(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'referrals/show', await this.showContext(actor, id));
  }

  @Post('referrals/:id/active-monitoring')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  async activeMonitoring(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.decision(actor, id, res, body, 'activeMonitoring', async () => {
      const request = await validateForm(
        VersionedReasonRequest,
        { reason: text(body.reason), version: integer(body.version) },
        DECISION_LABELS,
      );
      await submitForm(() => this.referrals.startActiveMonitoring(actor, id, request), DECISION_LABELS);
      return 'Active monitoring started: the clock has stopped';
    });
  }

  @Post('referrals/:id/decision-to-treat')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  async decisionToTreat(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.decision(actor, id, res, body, 'decisionToTreat', async () => {
      const request = await validateForm(VersionRequest, { version: integer(body.version) });
      await submitForm(() => this.referrals.decisionToTreat(actor, id, request));
      return 'Decision to treat recorded: a new clock has started';
    });
  }

  @Post('referrals/:id/discharge')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  async discharge(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.decision(actor, id, res, body, 'discharge', async () => {
      const request = await validateForm(
        DischargeRequest,
        { reason: text(body.reason), stopReason: text(body.stopReason), version: integer(body.version) },
        DECISION_LABELS,
      );
      await submitForm(() => this.referrals.discharge(actor, id, request), DECISION_LABELS);
      return 'Referral discharged';
    });
  }

  @Post('referrals/:id/info-received')
  @Authenticated({ action: 'update', subject: 'Referral' })
  async infoReceived(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.decision(actor, id, res, body, 'infoReceived', async () => {
      const request = await validateForm(VersionRequest, { version: integer(body.version) });
      await submitForm(() => this.referrals.infoReceived(actor, id, request));
      return 'Information received: the referral is back in the triage queue';
    });
  }

  /** Book the first assessment or the introductory session. */
  @Get('referrals/:id/appointments/new')
  @Authenticated({ action: 'update', subject: 'Referral' })
  async bookForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'referrals/book', await this.pageContext(actor, id, 'Book an appointment', {}));
  }

  @Post('referrals/:id/appointments/new')
  @Authenticated({ action: 'update', subject: 'Referral' })
  async book(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await handleForm(res, { view: 'referrals/book', context: () => this.pageContext(actor, id, 'Book an appointment', body) }, async () => {
      const request = await validateForm(
        BookAppointmentRequest,
        {
          kind: text(body.kind),
          startsAt: dateTimeParts(body, 'startsAt'),
          location: text(body.location),
          communicatedAt: body.communicated === 'yes' ? this.clock.now().toISOString() : undefined,
        },
        BOOKING_LABELS,
      );
      const appointment = await submitForm(() => this.appointments.book(actor, id, request), BOOKING_LABELS);
      return { url: `/referrals/${id}`, flash: `${appointment.kind === 'assessment' ? 'Assessment' : 'Introductory session'} booked` };
    });
  }

  @Get('referrals/:id/appointments/:appointmentId/attendance')
  @Authenticated({ action: 'update', subject: 'Referral' })
  async attendanceForm(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('appointmentId') appointmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    await render(res, 'referrals/attendance', await this.attendanceContext(actor, id, appointmentId, {}));
  }

  @Post('referrals/:id/appointments/:appointmentId/attendance')
  @Authenticated({ action: 'update', subject: 'Referral' })
  async attendance(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('appointmentId') appointmentId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.attendanceContext(actor, id, appointmentId, body);
    await handleForm(res, { view: 'referrals/attendance', context }, async () => {
      const request = await validateForm(
        AttendanceRequest,
        { outcome: text(body.outcome), isTreatment: body.isTreatment === 'yes' ? true : undefined, version: integer(body.version) },
        ATTENDANCE_LABELS,
      );
      const appointment = await submitForm(() => this.appointments.recordAttendance(actor, appointmentId, request), ATTENDANCE_LABELS);
      return {
        url: `/referrals/${id}`,
        flash: `Attendance recorded: ${ATTENDANCE_NAMES[request.outcome].toLowerCase()} (${appointment.kind})`,
      };
    });
  }

  /** Record a patient-initiated delay (recorded and reported, never subtracted from the wait). */
  @Get('referrals/:id/delays/new')
  @Authenticated({ action: 'update', subject: 'Referral' })
  async delayForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'referrals/delay', await this.pageContext(actor, id, 'Record a patient-initiated delay', {}));
  }

  @Post('referrals/:id/delays/new')
  @Authenticated({ action: 'update', subject: 'Referral' })
  async addDelay(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await handleForm(
      res,
      { view: 'referrals/delay', context: () => this.pageContext(actor, id, 'Record a patient-initiated delay', body) },
      async () => {
        const request = await validateForm(
          CreateDelayRequest,
          {
            startsOn: dateParts(body, 'startsOn'),
            endsOn: dateParts(body, 'endsOn'),
            reason: text(body.reason),
            declinedOffer: body.declinedOffer === 'yes' ? true : undefined,
          },
          DELAY_LABELS,
        );
        await submitForm(() => this.referrals.addDelay(actor, id, request), DELAY_LABELS);
        return { url: `/referrals/${id}`, flash: 'Patient-initiated delay recorded' };
      },
    );
  }

  /** A clinical decision posted from the referral page; on a problem the page shows again with the error by its form. */
  private async decision(
    actor: Actor,
    id: string,
    res: Response,
    body: Record<string, unknown>,
    form: string,
    action: () => Promise<string>,
  ): Promise<void> {
    await handleForm(res, { view: 'referrals/show', context: () => this.showContext(actor, id, { form, values: body }) }, async () => ({
      url: `/referrals/${id}`,
      flash: await action(),
    }));
  }

  private async newContext(actor: Actor, patientId: string, values: Record<string, unknown>): Promise<Record<string, unknown>> {
    const patient = await this.patients.get(actor, patientId);
    return {
      title: 'Enter a referral',
      patient,
      values,
      priorities: PRIORITIES,
      redFlags: RED_FLAG_ITEMS,
      breadcrumbs: [PATIENTS, { text: `${patient.givenName} ${patient.familyName}`, href: `/patients/${patient.id}` }],
    };
  }

  /** A page about one referral: the referral, its patient (for the banner) and the way back. */
  private async pageContext(
    actor: Actor,
    id: string,
    title: string,
    values: Record<string, unknown>,
  ): Promise<{ referral: ReferralDetailResponse; breadcrumbs: { text: string; href: string }[] } & Record<string, unknown>> {
    const referral = await this.referrals.get(actor, id);
    const patient = await this.patients.get(actor, referral.patientId);
    return {
      title,
      referral,
      patient,
      values,
      breadcrumbs: [
        PATIENTS,
        { text: `${patient.givenName} ${patient.familyName}`, href: `/patients/${patient.id}` },
        { text: 'Referral', href: `/referrals/${id}` },
      ],
    };
  }

  private async showContext(actor: Actor, id: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const context = await this.pageContext(actor, id, 'Referral', {});
    const { referral } = context;
    const fields = asSubject('Referral', referralScopeFields(referral));
    const canUpdate = actor.ability.can('update', fields);
    const canTriage = actor.ability.can('triage', fields);
    const open = isOpen(referral.status);
    const lastPeriod = referral.clockHistory[referral.clockHistory.length - 1];
    return {
      ...context,
      breadcrumbs: context.breadcrumbs.slice(0, 2),
      redFlagNames: RED_FLAG_NAMES,
      attendanceNames: ATTENDANCE_NAMES,
      can: {
        triage: canTriage && referral.status === 'received',
        infoReceived: canUpdate && referral.status === 'info-requested',
        book: canUpdate && isAcceptedOrWaiting(referral.status),
        attendance: canUpdate,
        delay: canUpdate && open,
        agreePathway: referral.status === 'triaged-accepted' && actor.ability.can('create', 'Pathway'),
        activeMonitoring: canTriage && open && referral.clock.state === 'running',
        decisionToTreat: canTriage && open && lastPeriod?.stopReason === 'active-monitoring',
        discharge: canTriage && open,
      },
      ...extra,
    };
  }

  private async attendanceContext(
    actor: Actor,
    id: string,
    appointmentId: string,
    values: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const context = await this.pageContext(actor, id, 'Record attendance', values);
    const appointment = context.referral.appointments.find((a) => a.id === appointmentId);
    // An appointment of another referral is not found, as any record out of reach is.
    if (!appointment) throw new ReferralError(ReferralErrorCode.AppointmentNotFound, 'Appointment not found');
    return { ...context, appointment, outcomes: ATTENDANCE_OUTCOMES.map((value) => ({ value, text: ATTENDANCE_NAMES[value] })) };
  }
}
