import { Body, Controller, Get, NotFoundException, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import {
  ActionRequest,
  CaseResponse,
  CreateMeetingRequest,
  DecisionRequest,
  FlagRequest,
  MDT_DECISIONS,
  MdtService,
  MeetingResponse,
  MeetingVersionRequest,
} from '@carepath/mdt';
import { PathwaysService } from '@carepath/pathways';
import { PatientsService } from '@carepath/patients';
import { dateParts, FormErrors, FormInvalid, integer, list, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';

/** How many action rows the decision form offers (the API takes up to 20; an amendment can add more). */
const ACTION_ROWS = 3;

const MEETING_LABELS = { date: 'Date of the meeting', site: 'Where the meeting is held', attendeeIds: 'Attendees' };
const DECISION_LABELS = {
  decision: 'Decision',
  summary: 'Summary of the discussion',
  destination: 'Where the patient is referred on to',
  amendmentReason: 'Reason for amending the decision',
};
const FLAG_LABELS = { reason: 'Reason for flagging' };

const actionLabels = (row: number) => ({
  description: `Action ${row}`,
  ownerId: `Owner of action ${row}`,
  dueOn: `Due date of action ${row}`,
});

/** Errors of one part of a form, with its fields renamed (`description` of action 2 is `action2-description`). */
function prefixed(errors: FormErrors, prefix: string): FormErrors {
  const rename = (href: string) => (href.startsWith('#') && href !== '#main-form' ? `#${prefix}${href.slice(1)}` : href);
  return {
    summary: errors.summary.map((s) => ({ ...s, href: rename(s.href) })),
    fields: Object.fromEntries(Object.entries(errors.fields).map(([field, message]) => [`${prefix}${field}`, message])),
  };
}

/** Validates every part of a form and reports all their errors together. */
async function validateParts<T>(parts: (() => Promise<T>)[]): Promise<T[]> {
  const errors: FormErrors = { summary: [], fields: {} };
  const results: T[] = [];
  for (const part of parts) {
    try {
      results.push(await part());
    } catch (error) {
      if (!(error instanceof FormInvalid)) throw error;
      errors.summary.push(...error.errors.summary);
      Object.assign(errors.fields, error.errors.fields);
    }
  }
  if (errors.summary.length) throw new FormInvalid(errors);
  return results;
}

/**
 * The MDT for clinicians: the due list, planning a meeting, the meeting with its generated case list, recording a
 * decision with its actions, and flagging a pathway for the next MDT. Every page calls MdtService as the API does.
 */
@WebPages()
@Controller()
export class MdtPagesController {
  constructor(
    private readonly mdt: MdtService,
    private readonly pathways: PathwaysService,
    private readonly patients: PatientsService,
  ) {}

  @Get('mdt')
  @Authenticated({ action: 'read', subject: 'Mdt' })
  async due(@CurrentActor() actor: Actor, @Res() res: Response, @Query('cursor') cursor?: string): Promise<void> {
    const [due, meetings] = await Promise.all([
      this.mdt.dueList(actor, { cursor: typeof cursor === 'string' ? cursor : undefined }),
      this.mdt.listMeetings(actor, { limit: 10 }),
    ]);
    await render(res, 'mdt/due', { title: 'MDT', due, meetings: meetings.items, canPlan: actor.ability.can('create', 'Mdt') });
  }

  @Get('mdt/meetings/new')
  @Authenticated({ action: 'create', subject: 'Mdt' })
  async newMeeting(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await render(res, 'mdt/new-meeting', await this.meetingForm(actor, { attendeeIds: [actor.userId] }));
  }

  @Post('mdt/meetings')
  @Authenticated({ action: 'create', subject: 'Mdt' })
  async createMeeting(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = { ...body, attendeeIds: list(body.attendeeIds) };
    await handleForm(res, { view: 'mdt/new-meeting', context: () => this.meetingForm(actor, values) }, async () => {
      const request = await validateForm(
        CreateMeetingRequest,
        { date: dateParts(body, 'date') ?? '', site: text(body.site) ?? '', attendeeIds: values.attendeeIds },
        MEETING_LABELS,
      );
      const meeting = await submitForm(() => this.mdt.createMeeting(actor, request), MEETING_LABELS);
      return { url: `/mdt/meetings/${meeting.id}`, flash: `Meeting planned with ${meeting.caseCount} cases on its list` };
    });
  }

  @Get('mdt/meetings/:id')
  @Authenticated({ action: 'read', subject: 'Mdt' })
  async meeting(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'mdt/meeting', await this.meetingPage(actor, id));
  }

  @Post('mdt/meetings/:id/start')
  @Authenticated({ action: 'update', subject: 'Mdt' })
  async start(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.changeMeeting(
      actor,
      id,
      body,
      res,
      (version) => this.mdt.startMeeting(actor, id, version),
      'Meeting started: its case list is final',
    );
  }

  @Post('mdt/meetings/:id/close')
  @Authenticated({ action: 'update', subject: 'Mdt' })
  async close(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.changeMeeting(actor, id, body, res, (version) => this.mdt.closeMeeting(actor, id, version), 'Meeting closed');
  }

  /** Starts or closes a meeting at the version the page showed; a stale one re-shows the meeting with the error. */
  private changeMeeting(
    actor: Actor,
    id: string,
    body: Record<string, unknown>,
    res: Response,
    change: (version: number) => Promise<unknown>,
    flash: string,
  ): Promise<void> {
    return handleForm(res, { view: 'mdt/meeting', context: () => this.meetingPage(actor, id) }, async () => {
      const { version } = await validateForm(MeetingVersionRequest, { version: integer(body.version) });
      await submitForm(() => change(version));
      return { url: `/mdt/meetings/${id}`, flash };
    });
  }

  @Get('mdt/meetings/:id/cases/:pathwayId/decision')
  @Authenticated({ action: 'update', subject: 'Mdt' })
  async decisionForm(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('pathwayId') pathwayId: string,
    @Res() res: Response,
  ): Promise<void> {
    await render(res, 'mdt/decision', await this.decisionPage(actor, id, pathwayId, {}));
  }

  @Post('mdt/meetings/:id/cases/:pathwayId/decision')
  @Authenticated({ action: 'update', subject: 'Mdt' })
  async decide(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('pathwayId') pathwayId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await handleForm(res, { view: 'mdt/decision', context: () => this.decisionPage(actor, id, pathwayId, body) }, async () => {
      const rows = Array.from({ length: ACTION_ROWS }, (_, i) => i + 1)
        .map((row) => ({
          row,
          input: {
            description: text(body[`action${row}-description`]) ?? '',
            ownerId: text(body[`action${row}-ownerId`]) ?? '',
            dueOn: dateParts(body, `action${row}-dueOn`) ?? '',
          },
        }))
        .filter(({ input }) => input.description || input.ownerId || input.dueOn);
      const [decision, ...actions] = await validateParts<DecisionRequest | ActionRequest>([
        () =>
          validateForm(
            DecisionRequest,
            {
              decision: text(body.decision) ?? '',
              summary: text(body.summary) ?? '',
              destination: text(body.destination),
              amendmentReason: text(body.amendmentReason),
              actions: [],
              version: integer(body.version),
            },
            DECISION_LABELS,
          ),
        ...rows.map(
          ({ row, input }) =>
            () =>
              validateForm(ActionRequest, input, actionLabels(row)).catch((error: unknown) => {
                throw error instanceof FormInvalid ? new FormInvalid(prefixed(error.errors, `action${row}-`)) : error;
              }),
        ),
      ]);
      const request = { ...(decision as DecisionRequest), actions: actions as ActionRequest[] };
      await submitForm(() => this.mdt.decide(actor, id, pathwayId, request), DECISION_LABELS);
      return { url: `/mdt/meetings/${id}#case-${pathwayId}`, flash: 'Decision recorded' };
    });
  }

  @Get('pathways/:id/mdt-flag')
  @Authenticated({ action: 'create', subject: 'Mdt' })
  async flagForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'mdt/flag', await this.flagPage(actor, id, {}));
  }

  @Post('pathways/:id/mdt-flag')
  @Authenticated({ action: 'create', subject: 'Mdt' })
  async flag(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await handleForm(res, { view: 'mdt/flag', context: () => this.flagPage(actor, id, body) }, async () => {
      const request = await validateForm(FlagRequest, { reason: text(body.reason) ?? '' }, FLAG_LABELS);
      await submitForm(() => this.mdt.flag(actor, id, request), FLAG_LABELS);
      return { url: '/mdt', flash: 'Flagged for the next MDT: the case is now urgent on the due list' };
    });
  }

  private async meetingForm(actor: Actor, values: Record<string, unknown>): Promise<Record<string, unknown>> {
    return {
      title: 'Plan an MDT meeting',
      values,
      clinicians: await this.mdt.clinicians(actor),
      breadcrumbs: [{ text: 'MDT', href: '/mdt' }],
    };
  }

  private async meetingPage(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const meeting = await this.mdt.getMeeting(actor, id);
    return {
      title: `MDT meeting, ${meeting.site}`,
      meeting,
      canUpdate: actor.ability.can('update', 'Mdt'),
      breadcrumbs: [{ text: 'MDT', href: '/mdt' }],
    };
  }

  private async decisionPage(
    actor: Actor,
    id: string,
    pathwayId: string,
    values: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const meeting: MeetingResponse = await this.mdt.getMeeting(actor, id);
    const found: CaseResponse | undefined = meeting.cases.find((c) => c.pathwayId === pathwayId && c.removedReason === null);
    if (!found) throw new NotFoundException();
    const [patient, clinicians] = await Promise.all([this.patients.get(actor, found.patient.id), this.mdt.clinicians(actor)]);
    const current = found.decisions[found.decisions.length - 1];
    return {
      title: current ? 'Amend the MDT decision' : 'Record the MDT decision',
      meeting,
      case: found,
      current,
      patient,
      clinicians,
      decisions: MDT_DECISIONS,
      actionRows: Array.from({ length: ACTION_ROWS }, (_, i) => i + 1),
      values: { version: found.version, ...values },
      breadcrumbs: [
        { text: 'MDT', href: '/mdt' },
        { text: 'Meeting', href: `/mdt/meetings/${id}` },
      ],
    };
  }

  private async flagPage(actor: Actor, id: string, values: Record<string, unknown>): Promise<Record<string, unknown>> {
    const pathway = await this.pathways.get(actor, id);
    return {
      title: 'Flag for the next MDT',
      pathway,
      patient: await this.patients.get(actor, pathway.patientId),
      values,
      breadcrumbs: [{ text: 'MDT', href: '/mdt' }],
    };
  }
}
