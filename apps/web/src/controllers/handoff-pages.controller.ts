import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { isUuid, UuidParam, ValidationFailed } from '@carepath/common';
import { DirectoryService } from '@carepath/directory';
import {
  CreateHandoffRequest,
  HANDOFF_OUTCOMES,
  HANDOFF_STATUSES,
  HANDOFF_TRANSITIONS,
  HandoffForReceiver,
  HandoffForRequester,
  HandoffStatus,
  HandoffStatusRequest,
  HandoffsService,
  ListHandoffsQuery,
  Side,
} from '@carepath/handoffs';
import { ConsentsService, CreateConsentRequest, PatientResponse, PatientsService } from '@carepath/patients';
import { CATEGORY_OPTIONS, DAY_OPTIONS, SEARCH_LABELS, searchQuery, searchValuesOf, selectItems, serviceView } from '../directory-views';
import { formError, integer, submitForm, text, validateForm, inPlainWords } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render, renderSearch } from '../web-response';

const LABELS = { reason: 'Reason', outcome: 'Outcome', purpose: 'What the patient agreed to', status: 'Status', version: 'Version' };

/** What each status reads as, and its tag colour. */
const STATUS: Record<HandoffStatus, { text: string; colour: string }> = {
  requested: { text: 'Requested', colour: 'blue' },
  accepted: { text: 'Accepted', colour: 'aqua-green' },
  rejected: { text: 'Rejected', colour: 'red' },
  'in-progress': { text: 'In progress', colour: 'purple' },
  completed: { text: 'Completed', colour: 'green' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
};

const OUTCOMES = { engaged: 'Engaged', 'did-not-engage': 'Did not engage' };

/** What each side may do on a handoff page, in the order offered; the status machine decides which apply now. */
const ACTIONS: Record<Side, { to: HandoffStatus; button: string; done: string }[]> = {
  receiver: [
    { to: 'accepted', button: 'Accept', done: 'Handoff accepted' },
    { to: 'rejected', button: 'Reject', done: 'Handoff rejected' },
    { to: 'in-progress', button: 'Start', done: 'Handoff started' },
    { to: 'completed', button: 'Complete', done: 'Handoff completed' },
  ],
  requester: [{ to: 'cancelled', button: 'Cancel handoff', done: 'Handoff cancelled' }],
};

const isReceiverView = (h: HandoffForReceiver | HandoffForRequester): h is HandoffForReceiver => 'patient' in h;

function statusView<T extends { status: HandoffStatus }>(handoff: T) {
  return { ...handoff, statusTag: STATUS[handoff.status] };
}

/**
 * Handoffs to community services. A social prescriber: their organisation's inbox, the minimum the handoff needs to
 * be seen, and the steps that are theirs. A clinician: from a patient, search the directory near them, record their
 * consent, hand them on, and follow the status.
 */
@WebPages()
@Controller()
export class HandoffPagesController {
  constructor(
    private readonly handoffs: HandoffsService,
    private readonly patients: PatientsService,
    private readonly consents: ConsentsService,
    private readonly directory: DirectoryService,
  ) {}

  @Get('handoffs')
  @Authenticated({ action: 'read', subject: 'Handoff' })
  async inbox(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const status = text(query.status);
    const filters = [
      { text: 'All', href: '/handoffs', current: !status },
      ...HANDOFF_STATUSES.map((s) => ({ text: STATUS[s].text, href: `/handoffs?status=${s}`, current: status === s })),
    ];
    const receiver = actor.role === 'social_prescriber';
    const context = { title: receiver ? 'Handoffs to your organisation' : 'Handoffs you made', filters, receiver, items: [] };
    await renderSearch(res, 'handoffs/index', context, async () => {
      const request = await validateForm(ListHandoffsQuery, { status, cursor: text(query.cursor), limit: 50 }, LABELS);
      const page = await submitForm(() => this.handoffs.list(actor, request), LABELS);
      const next = page.nextCursor ? new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor }) : null;
      return { items: page.items.map(statusView), nextUrl: next ? `/handoffs?${next.toString()}` : null };
    });
  }

  @Get('handoffs/:id')
  @Authenticated({ action: 'read', subject: 'Handoff' })
  async show(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'handoffs/show', await this.handoffPage(actor, id));
  }

  @Post('handoffs/:id/status')
  @Authenticated({ action: 'update', subject: 'Handoff' })
  async changeStatus(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const to = text(body.status);
    const values = { reason: text(body.reason) ?? '', outcome: text(body.outcome) ?? '', status: to };
    await handleForm(res, { view: 'handoffs/show', context: () => this.handoffPage(actor, id, values) }, async () => {
      const messages = {
        reason: to === 'cancelled' ? 'Enter why the handoff is cancelled' : 'Enter why you cannot take this handoff',
        outcome: 'Select whether the person engaged',
      };
      const request = await validateForm(
        HandoffStatusRequest,
        { status: to ?? '', reason: text(body.reason), outcome: text(body.outcome), version: integer(body.version) },
        LABELS,
      );
      await submitForm(() => this.handoffs.changeStatus(actor, id, request), LABELS).catch((error: unknown) => {
        throw inPlainWords(error, messages);
      });
      const side: Side = actor.role === 'social_prescriber' ? 'receiver' : 'requester';
      return { url: `/handoffs/${id}`, flash: ACTIONS[side].find((a) => a.to === request.status)?.done ?? 'Handoff updated' };
    });
  }

  /** The handoff page: the view this side may see (a clinician's with the patient banner), and the steps open to it. */
  private async handoffPage(actor: Actor, id: string, values: Record<string, unknown> = {}) {
    const handoff = await this.handoffs.get(actor, id);
    const side: Side = isReceiverView(handoff) ? 'receiver' : 'requester';
    const actions = ACTIONS[side].filter((a) => HANDOFF_TRANSITIONS[handoff.status][a.to]?.includes(side));
    const patient = isReceiverView(handoff) ? null : await this.patients.get(actor, handoff.patientId);
    const history = handoff.history.map((h) => ({ ...h, toTag: STATUS[h.to as HandoffStatus] ?? { text: h.to, colour: 'grey' } }));
    return {
      title: `Handoff to ${handoff.service.name}`,
      handoff: { ...statusView(handoff), history },
      receiver: isReceiverView(handoff) ? handoff.patient : null,
      needs: isReceiverView(handoff)
        ? {
            interpreterLanguage: handoff.patient.interpreterLanguage,
            format: handoff.patient.communicationFormat,
            support: handoff.patient.communicationSupport,
          }
        : null,
      patient,
      actions,
      outcomes: HANDOFF_OUTCOMES.map((value) => ({ value, text: OUTCOMES[value], checked: values.outcome === value })),
      outcomeText: handoff.outcome ? OUTCOMES[handoff.outcome] : null,
      values,
      breadcrumbs: patient
        ? [{ text: `${patient.givenName} ${patient.familyName}'s handoffs`, href: `/patients/${patient.id}/handoffs` }]
        : [{ text: 'Handoffs', href: '/handoffs' }],
    };
  }

  @Get('patients/:id/handoffs')
  @Authenticated({ action: 'read', subject: 'Handoff', patientParam: 'id' })
  async forPatient(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const patient = await this.patients.get(actor, id);
    const handoffs = (await this.handoffs.forPatient(actor, id)).map(statusView);
    const consents = (await this.consents.list(actor, id)).items;
    await render(res, 'handoffs/patient', {
      title: 'Community handoffs',
      patient,
      handoffs,
      consents,
      breadcrumbs: patientCrumbs(patient),
    });
  }

  @Get('patients/:id/handoffs/new')
  @Authenticated({ action: 'create', subject: 'Handoff', patientParam: 'id' })
  async search(@CurrentActor() actor: Actor, @UuidParam() id: string, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const patient = await this.patients.get(actor, id);
    const values = searchValuesOf({ ...query, postcode: patient.postcode });
    const context = {
      title: 'Find a community service',
      patient,
      values,
      categoryItems: selectItems(CATEGORY_OPTIONS, values.category, 'Any type of support'),
      dayItems: selectItems(DAY_OPTIONS, values.day, 'Any day'),
      breadcrumbs: [...patientCrumbs(patient), { text: 'Community handoffs', href: `/patients/${id}/handoffs` }],
    };
    await renderSearch(res, 'handoffs/search', context, async () => {
      const page = await submitForm(async () => this.directory.search(await searchQuery(values, undefined)), SEARCH_LABELS);
      return { results: page.items.map((s) => serviceView(s, values.units as 'miles' | 'km')), originApproximate: page.originApproximate };
    });
  }

  @Get('patients/:id/handoffs/new/:serviceId')
  @Authenticated({ action: 'create', subject: 'Handoff', patientParam: 'id' })
  async propose(@CurrentActor() actor: Actor, @UuidParam() id: string, @UuidParam('serviceId') serviceId: string, @Res() res: Response) {
    await render(res, 'handoffs/propose', await this.proposePage(actor, id, serviceId));
  }

  @Post('patients/:id/handoffs/new/:serviceId/consent')
  @Authenticated({ action: 'create', subject: 'Consent', patientParam: 'id' })
  async recordConsent(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('serviceId') serviceId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const values = { purpose: text(body.purpose) ?? '', confirm: body.confirm === 'yes' };
    await handleForm(res, { view: 'handoffs/propose', context: () => this.proposePage(actor, id, serviceId, values) }, async () => {
      const service = await this.directory.getListed(serviceId);
      if (!values.confirm) throw formError(`Confirm the patient has agreed to share with ${service.organisationName}`, 'confirm');
      const request = await validateForm(
        CreateConsentRequest,
        { organisationId: service.organisationId, purpose: text(body.purpose) ?? '' },
        LABELS,
      );
      await submitForm(() => this.consents.give(actor, id, request), LABELS);
      return { url: `/patients/${id}/handoffs/new/${serviceId}`, flash: `Consent to share with ${service.organisationName} recorded` };
    });
  }

  @Post('patients/:id/handoffs')
  @Authenticated({ action: 'create', subject: 'Handoff', patientParam: 'id' })
  async create(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const serviceId = text(body.serviceId) ?? '';
    if (!isUuid(serviceId)) throw new ValidationFailed([{ field: 'serviceId', messages: ['serviceId must be a UUID'] }]);
    const values = { reason: text(body.reason) ?? '' };
    const context = () => this.proposePage(actor, id, serviceId, values);
    await handleForm(res, { view: 'handoffs/propose', context }, async () => {
      const request = await validateForm(
        CreateHandoffRequest,
        { patientId: id, serviceId, consentId: text(body.consentId) ?? '', reason: text(body.reason) ?? '' },
        LABELS,
      ).catch((error: unknown) => {
        throw inPlainWords(error, { reason: 'Enter why you are handing the patient on, and what they hope for' });
      });
      const created = await submitForm(() => this.handoffs.create(actor, request), LABELS);
      return { url: `/handoffs/${created.id}`, flash: `Handoff sent to ${created.service.organisationName}` };
    });
  }

  /** Proposing a handoff to one service: the patient's consent to share with its organisation, recorded or to record. */
  private async proposePage(actor: Actor, patientId: string, serviceId: string, values: Record<string, unknown> = {}) {
    const patient = await this.patients.get(actor, patientId);
    const service = serviceView(await this.directory.getListed(serviceId));
    const consent = (await this.consents.list(actor, patientId)).items.find((c) => c.active && c.organisationId === service.organisationId);
    return {
      title: `Hand on to ${service.name}`,
      patient,
      service,
      consent: consent ?? null,
      values: { purpose: `Community handoff to ${service.name}`, ...values },
      breadcrumbs: [
        ...patientCrumbs(patient),
        { text: 'Community handoffs', href: `/patients/${patientId}/handoffs` },
        { text: 'Find a community service', href: `/patients/${patientId}/handoffs/new` },
      ],
    };
  }
}

function patientCrumbs(patient: PatientResponse) {
  return [{ text: `${patient.givenName} ${patient.familyName}`, href: `/patients/${patient.id}` }];
}
