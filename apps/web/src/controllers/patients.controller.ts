import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor, OrganisationsService } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { PathwaysService } from '@carepath/pathways';
import {
  COMMUNICATION_FORMATS,
  COMMUNICATION_SUPPORT,
  CreatePatientRequest,
  ListPatientsQuery,
  PatientError,
  PatientErrorCode,
  PatientsService,
} from '@carepath/patients';
import { ReferralsService } from '@carepath/referrals';
import { dateParts, formError, FormInvalid, inPlainWords, list, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';

const LABELS = {
  nhsNumber: 'NHS number',
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  postcode: 'Postcode',
  gpPracticeId: 'GP practice',
  phone: 'Phone number',
  email: 'Email address',
  format: 'Information format',
  support: 'Communication support',
  interpreterLanguage: 'Interpreter language',
};

const PATIENTS = { text: 'Patients', href: '/patients' };

/** A search box takes an NHS number (digits, spaces, hyphens) or the start of a name. */
function searchQuery(q: string | undefined, cursor: string | undefined): Record<string, unknown> {
  const query: Record<string, unknown> = cursor ? { cursor } : {};
  if (!q) return query;
  return /^[0-9 -]+$/.test(q) ? { ...query, nhsNumber: q } : { ...query, name: q };
}

/** The register form's fields as the API's request body. */
function patientBody(body: Record<string, unknown>): Record<string, unknown> {
  const interpreterLanguage = text(body.interpreterLanguage);
  return {
    nhsNumber: text(body.nhsNumber),
    givenName: text(body.givenName),
    familyName: text(body.familyName),
    dateOfBirth: dateParts(body, 'dateOfBirth'),
    postcode: text(body.postcode),
    gpPracticeId: text(body.gpPracticeId),
    phone: text(body.phone),
    email: text(body.email),
    communicationNeeds: {
      format: text(body.format) ?? 'standard',
      support: list(body.support),
      ...(interpreterLanguage ? { interpreterLanguage } : {}),
    },
  };
}

@WebPages()
@Controller('patients')
export class PatientsPagesController {
  constructor(
    private readonly patients: PatientsService,
    private readonly referrals: ReferralsService,
    private readonly pathways: PathwaysService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Find a patient by NHS number or name (the only page whose address may carry a name: its own search). */
  @Get()
  @Authenticated({ action: 'read', subject: 'Patient' })
  async search(
    @CurrentActor() actor: Actor,
    @Res() res: Response,
    @Query('q') rawQ?: unknown,
    @Query('cursor') rawCursor?: unknown,
  ): Promise<void> {
    const q = text(rawQ);
    const cursor = text(rawCursor);
    const context = { title: 'Patients', values: { q: q ?? '' }, canRegister: actor.ability.can('create', 'Patient') };
    if (!q) return render(res, 'patients/index', context);
    try {
      const query = await validateForm(ListPatientsQuery, searchQuery(q, cursor));
      const page = await this.patients.list(actor, query);
      const next = page.nextCursor ? `/patients?${new URLSearchParams({ q, cursor: page.nextCursor }).toString()}` : null;
      await render(res, 'patients/index', { ...context, results: page.items, next });
    } catch (error) {
      if (!(error instanceof FormInvalid)) throw error;
      const invalid = formError('Enter a 10-digit NHS number, or the start of a name using letters, spaces, hyphens or apostrophes', 'q');
      await render(res, 'patients/index', { ...context, errors: invalid.errors }, 400);
    }
  }

  @Get('new')
  @Authenticated({ action: 'create', subject: 'Patient' })
  async registerForm(@Res() res: Response): Promise<void> {
    await render(res, 'patients/new', await this.registerContext({ format: 'standard', support: [] }));
  }

  @Post('new')
  @Authenticated({ action: 'create', subject: 'Patient' })
  async register(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = { ...body, support: list(body.support) };
    await handleForm(res, { view: 'patients/new', context: () => this.registerContext(values) }, async () => {
      const request = await validateForm(CreatePatientRequest, patientBody(body), LABELS).catch((error: unknown) => {
        throw inPlainWords(error, { gpPracticeId: 'Select the GP practice the patient is registered with' });
      });
      const patient = await submitForm(
        () =>
          this.patients.create(actor, request).catch((error: unknown) => {
            // A duplicate is about the NHS number typed: say so beside it.
            if (error instanceof PatientError && error.code === PatientErrorCode.PatientExists) throw formError(error.message, 'nhsNumber');
            throw error;
          }),
        LABELS,
      );
      return { url: `/patients/${patient.id}`, flash: `${patient.givenName} ${patient.familyName} is registered` };
    });
  }

  /** A patient's record: details, communication needs, referrals and care pathways. */
  @Get(':id')
  @Authenticated({ action: 'read', subject: 'Patient', patientParam: 'id' })
  async show(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const patient = await this.patients.get(actor, id);
    const [practice, referrals, pathways] = await Promise.all([
      this.organisations.get(patient.gpPracticeId),
      actor.ability.can('read', 'Referral') ? this.referrals.list(actor, { patientId: id, limit: 100 }) : null,
      actor.ability.can('read', 'Pathway') ? this.pathways.listForPatient(actor, id) : [],
    ]);
    await render(res, 'patients/show', {
      title: `${patient.givenName} ${patient.familyName}`,
      patient,
      practice,
      referrals: referrals?.items ?? [],
      pathways,
      canRefer: actor.ability.can('create', 'Referral'),
      canReadAccessLog: actor.ability.can('read', 'AuditEvent'),
      canReadHandoffs: actor.ability.can('read', 'Handoff'),
      breadcrumbs: [PATIENTS],
    });
  }

  private async registerContext(values: Record<string, unknown>): Promise<Record<string, unknown>> {
    const practices = await this.organisations.list({ type: 'gp-practice', limit: 100 });
    return {
      title: 'Register a patient',
      values,
      practices: practices.items,
      formats: COMMUNICATION_FORMATS,
      supports: COMMUNICATION_SUPPORT,
      breadcrumbs: [PATIENTS],
    };
  }
}
