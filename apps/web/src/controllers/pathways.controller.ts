import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import {
  AddActivityRequest,
  BookSessionRequest,
  ClinicianChoice,
  CreatePathwayRequest,
  NewActivityDto,
  PATHWAY_TRANSITIONS,
  PathwayError,
  PathwayErrorCode,
  PathwayResponse,
  PathwaysService,
  PathwayStatusRequest,
  SESSION_OUTCOMES,
  SessionAttendanceRequest,
} from '@carepath/pathways';
import { PatientsService } from '@carepath/patients';
import { ReferralsService, THERAPY_MODALITIES } from '@carepath/referrals';
import { dateTimeParts, formError, FormErrors, FormInvalid, integer, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';
import { humanise } from '../view-filters';

/** How many goal boxes and activity rows the agree form offers; blank ones are left out. */
const GOAL_BOXES = 3;
const ACTIVITY_ROWS = 4;

const LABELS = {
  modality: 'Modality',
  plannedSessions: 'Planned sessions',
  leadClinicianId: 'Lead clinician',
  reason: 'Reason',
  status: 'New status',
  startsAt: 'Date and time',
  location: 'Location',
  outcome: 'Attendance',
  note: 'Note',
  goals: 'Goals',
};

type FormBody = Record<string, unknown>;

/** Planned sessions typed as something other than a number (the API's own message would only give its bounds). */
const WHOLE_SESSIONS = 'Planned sessions must be a whole number, like 6';

/** The select options an activity offers: every modality, and the service's clinicians by name and discipline. */
function choices(clinicians: ClinicianChoice[]) {
  return {
    modalityItems: THERAPY_MODALITIES.map((m) => ({ value: m, text: humanise(m) })),
    clinicianItems: clinicians.map((c) => ({ value: c.id, text: c.discipline ? `${c.name} (${humanise(c.discipline)})` : c.name })),
  };
}

/** Adds `message` to the summary and beside `field` (the first message for a field wins). */
function addError(errors: FormErrors, message: string, field: string): void {
  errors.summary.push({ text: message, href: `#${field}` });
  errors.fields[field] ??= message;
}

/** The same errors with `from` shown on the field `to` (goals are checked as a list but typed in several boxes). */
function renameField(invalid: FormInvalid, from: string, to: string): FormInvalid {
  const { [from]: message, ...fields } = invalid.errors.fields;
  const summary = invalid.errors.summary.map((s) => (s.href === `#${from}` ? { ...s, href: `#${to}` } : s));
  return new FormInvalid({ summary, fields: message === undefined ? fields : { ...fields, [to]: message } });
}

/** Runs a form check, collecting what the user must fix into `errors`, with each field renamed by `rename`. */
async function collect<T>(
  errors: FormErrors,
  check: () => Promise<T>,
  rename: (field: string, message: string) => [string, string],
): Promise<T | undefined> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof FormInvalid)) throw error;
    for (const [field, message] of Object.entries(error.errors.fields)) {
      const [renamed, shown] = rename(field, message);
      addError(errors, shown, renamed);
    }
    for (const item of error.errors.summary.filter((s) => s.href === '#main-form')) addError(errors, item.text, 'main-form');
    return undefined;
  }
}

/** Care pathways as the clinic uses them: agree one at assessment, then its activities, sessions and status. */
@WebPages()
@Controller()
export class PathwayPagesController {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly patients: PatientsService,
    private readonly referrals: ReferralsService,
  ) {}

  @Get('referrals/:id/pathway/new')
  @Authenticated({ action: 'create', subject: 'Pathway' })
  async agreeForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const context = await this.agreeContext(actor, id);
    const referral = context.referral as { modalities: string[] };
    const values: FormBody = {};
    referral.modalities.forEach((modality, i) => (values[`modality-${i + 1}`] = modality));
    for (let row = 1; row <= ACTIVITY_ROWS; row++) values[`leadClinicianId-${row}`] = actor.userId;
    await render(res, 'pathways/agree', { ...context, values: { status: 'active', ...values } });
  }

  @Post('referrals/:id/pathway/new')
  @Authenticated({ action: 'create', subject: 'Pathway' })
  async agree(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    await handleForm(
      res,
      { view: 'pathways/agree', context: async () => ({ ...(await this.agreeContext(actor, id)), values: body }) },
      async () => {
        const errors: FormErrors = { summary: [], fields: {} };
        const goals = Array.from({ length: GOAL_BOXES }, (_, i) => text(body[`goal-${i + 1}`])).filter((g): g is string => g !== undefined);
        if (goals.length === 0) addError(errors, "Enter at least one goal, in the patient's own words", 'goal-1');
        const activities: NewActivityDto[] = [];
        let rows = 0;
        for (let row = 1; row <= ACTIVITY_ROWS; row++) {
          // A row counts once its planned sessions are filled in; the modality and lead clinician always have a value.
          if (text(body[`plannedSessions-${row}`]) === undefined) continue;
          rows += 1;
          const input = {
            modality: text(body[`modality-${row}`]),
            plannedSessions: integer(body[`plannedSessions-${row}`]),
            leadClinicianId: text(body[`leadClinicianId-${row}`]),
          };
          if (typeof input.plannedSessions === 'string') {
            addError(errors, `Activity ${row}: ${WHOLE_SESSIONS}`, `plannedSessions-${row}`);
            continue;
          }
          const activity = await collect(
            errors,
            () => validateForm(NewActivityDto, input, LABELS),
            (field, message) => [`${field}-${row}`, `Activity ${row}: ${message}`],
          );
          if (activity) activities.push(activity);
        }
        if (rows === 0) {
          addError(errors, 'Add at least one activity: enter its planned sessions', 'plannedSessions-1');
        }
        if (errors.summary.length) throw new FormInvalid(errors);
        const request = await validateForm(CreatePathwayRequest, { goals, activities, status: text(body.status) }, LABELS).catch(
          (error: unknown) => {
            throw error instanceof FormInvalid ? renameField(error, 'goals', 'goal-1') : error;
          },
        );
        const pathway = await submitForm(() => this.pathways.create(actor, id, request), LABELS);
        return { url: `/pathways/${pathway.id}`, flash: request.status === 'draft' ? 'Draft care pathway saved' : 'Care pathway agreed' };
      },
    );
  }

  @Get('pathways/:id')
  @Authenticated({ action: 'read', subject: 'Pathway' })
  async show(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const { pathway, patient } = await this.pathwayWithPatient(actor, id);
    await render(res, 'pathways/show', {
      title: 'Care pathway',
      pathway,
      patient,
      canChangeStatus: actor.ability.can('update', 'Pathway') && PATHWAY_TRANSITIONS[pathway.status].length > 0,
      canAddActivity: actor.ability.can('update', 'Pathway') && ['draft', 'active', 'on-hold'].includes(pathway.status),
      canBook: actor.ability.can('schedule', 'Pathway'),
      canRecordAttendance: actor.ability.can('update', 'Pathway'),
      canSeeOutcomes: actor.ability.can('read', 'Outcome'),
      canFlagForMdt: actor.ability.can('create', 'Mdt') && ['active', 'on-hold'].includes(pathway.status),
      breadcrumbs: [
        { text: 'Patients', href: '/patients' },
        { text: `${patient.givenName} ${patient.familyName}`, href: `/patients/${patient.id}` },
      ],
    });
  }

  @Get('pathways/:id/status')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  async statusForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const context = await this.formContext(actor, id, 'Change the pathway status');
    await render(res, 'pathways/status', { ...context, values: { version: context.pathway.version } });
  }

  @Post('pathways/:id/status')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  async status(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    await handleForm(
      res,
      {
        view: 'pathways/status',
        context: async () => ({ ...(await this.formContext(actor, id, 'Change the pathway status')), values: body }),
      },
      async () => {
        if (text(body.status) === undefined) throw formError('Select the new status', 'status');
        const request = await validateForm(
          PathwayStatusRequest,
          { status: text(body.status), reason: text(body.reason), version: integer(body.version) },
          LABELS,
        );
        await submitForm(() => this.pathways.changeStatus(actor, id, request), LABELS);
        return { url: `/pathways/${id}`, flash: `Pathway status changed to ${humanise(request.status).toLowerCase()}` };
      },
    );
  }

  @Get('pathways/:id/activities/new')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  async activityForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const context = await this.activityContext(actor, id);
    await render(res, 'pathways/add-activity', { ...context, values: { version: context.pathway.version, leadClinicianId: actor.userId } });
  }

  @Post('pathways/:id/activities/new')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  async addActivity(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    await handleForm(
      res,
      { view: 'pathways/add-activity', context: async () => ({ ...(await this.activityContext(actor, id)), values: body }) },
      async () => {
        if (typeof integer(body.plannedSessions) === 'string') throw formError(WHOLE_SESSIONS, 'plannedSessions');
        const request = await validateForm(
          AddActivityRequest,
          {
            modality: text(body.modality),
            plannedSessions: integer(body.plannedSessions),
            leadClinicianId: text(body.leadClinicianId),
            reason: text(body.reason),
            version: integer(body.version),
          },
          LABELS,
        );
        await submitForm(() => this.pathways.addActivity(actor, id, request), LABELS);
        return { url: `/pathways/${id}`, flash: `${humanise(request.modality)} added to the pathway` };
      },
    );
  }

  @Get('pathways/:id/activities/:activityId/sessions/new')
  @Authenticated({ action: 'schedule', subject: 'Pathway' })
  async bookForm(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('activityId') activityId: string,
    @Res() res: Response,
  ): Promise<void> {
    await render(res, 'pathways/book-session', { ...(await this.bookContext(actor, id, activityId)), values: {} });
  }

  @Post('pathways/:id/activities/:activityId/sessions/new')
  @Authenticated({ action: 'schedule', subject: 'Pathway' })
  async book(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('activityId') activityId: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.bookContext(actor, id, activityId);
    await handleForm(res, { view: 'pathways/book-session', context: { ...context, values: body } }, async () => {
      const startsAt = dateTimeParts(body, 'startsAt');
      if (!startsAt?.endsWith('Z')) throw formError('Enter a real date and a time, for example 15 3 2026 and 14:30', 'startsAt');
      const request = await validateForm(BookSessionRequest, { startsAt, location: text(body.location) }, LABELS);
      await submitForm(() => this.pathways.bookSession(actor, activityId, request), LABELS);
      return { url: `/pathways/${id}`, flash: `${humanise(context.activity.modality)} session booked` };
    });
  }

  @Get('pathways/:id/sessions/:sessionId/attendance')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  async attendanceForm(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('sessionId') sessionId: string,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.attendanceContext(actor, id, sessionId);
    await render(res, 'pathways/attendance', { ...context, values: { version: context.session.version } });
  }

  @Post('pathways/:id/sessions/:sessionId/attendance')
  @Authenticated({ action: 'update', subject: 'Pathway' })
  async attendance(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('sessionId') sessionId: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    await handleForm(
      res,
      { view: 'pathways/attendance', context: async () => ({ ...(await this.attendanceContext(actor, id, sessionId)), values: body }) },
      async () => {
        if (text(body.outcome) === undefined) throw formError('Select whether the patient attended', 'outcome');
        const request = await validateForm(
          SessionAttendanceRequest,
          { outcome: text(body.outcome), note: text(body.note), version: integer(body.version) },
          LABELS,
        );
        await submitForm(() => this.pathways.recordAttendance(actor, sessionId, request), LABELS);
        return { url: `/pathways/${id}`, flash: `Attendance recorded: ${humanise(request.outcome).toLowerCase()}` };
      },
    );
  }

  private async pathwayWithPatient(actor: Actor, id: string) {
    const pathway = await this.pathways.get(actor, id);
    return { pathway, patient: await this.patients.get(actor, pathway.patientId) };
  }

  private async agreeContext(actor: Actor, referralId: string) {
    const referral = await this.referrals.get(actor, referralId);
    const [patient, clinicians] = [await this.patients.get(actor, referral.patientId), await this.pathways.leadClinicianChoices(actor)];
    return {
      title: 'Agree a care pathway',
      referral,
      patient,
      goalBoxes: GOAL_BOXES,
      activityRows: ACTIVITY_ROWS,
      ...choices(clinicians),
      breadcrumbs: [{ text: 'Referral', href: `/referrals/${referralId}` }],
    };
  }

  /** A form about one pathway: the patient's banner, and a way back to the pathway. */
  private async formContext(actor: Actor, id: string, title: string) {
    const { pathway, patient } = await this.pathwayWithPatient(actor, id);
    return {
      title,
      pathway,
      patient,
      transitions: PATHWAY_TRANSITIONS[pathway.status],
      backLink: `/pathways/${id}`,
      breadcrumbs: [{ text: 'Care pathway', href: `/pathways/${id}` }],
    };
  }

  private async activityContext(actor: Actor, id: string) {
    return { ...(await this.formContext(actor, id, 'Add an activity')), ...choices(await this.pathways.leadClinicianChoices(actor)) };
  }

  private async bookContext(actor: Actor, id: string, activityId: string) {
    const context = await this.formContext(actor, id, 'Book a session');
    return { ...context, activity: this.activityOf(context.pathway, activityId) };
  }

  private async attendanceContext(actor: Actor, id: string, sessionId: string) {
    const context = await this.formContext(actor, id, 'Record attendance');
    const activity = context.pathway.activities.find((a) => a.sessions.some((s) => s.id === sessionId));
    const session = activity?.sessions.find((s) => s.id === sessionId);
    if (!activity || !session) throw this.notFound();
    return { ...context, activity, session, outcomes: SESSION_OUTCOMES };
  }

  private activityOf(pathway: PathwayResponse, activityId: string) {
    const activity = pathway.activities.find((a) => a.id === activityId);
    if (!activity) throw this.notFound();
    return activity;
  }

  private notFound() {
    return new PathwayError(PathwayErrorCode.PathwayActivityNotFound, 'Not found');
  }
}
