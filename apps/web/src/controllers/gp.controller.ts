import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { LettersService, LetterVersionRequest } from '@carepath/letters';
import { ListPatientsQuery, PatientsService } from '@carepath/patients';
import { CreateReferralRequest, PRIORITIES, ReferralsService } from '@carepath/referrals';
import { RED_FLAG_ITEMS, redFlagsOf } from '../referral-views';
import { formError, inPlainWords, integer, list, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, redirect, render, sendPdf } from '../web-response';

const FIND_LABELS = { nhsNumber: 'NHS number' };
const REFER_LABELS = { priority: 'Priority', reason: 'Reason for referral', externalReference: 'e-RS reference (UBRN)' };
const REFER_MESSAGES = {
  priority: 'Select the priority',
  reason: 'Enter the reason for referral, in up to 4,000 characters',
  externalReference: 'The e-RS reference (UBRN) can only have letters, numbers, hyphens (-), underscores (_) and slashes (/)',
};

/**
 * A GP's pages: refer a patient registered at their practice, follow the practice's referrals, and read and
 * acknowledge the letters delivered to the practice. Access is the API's: the services scope everything to the
 * practice, so another practice's patient or letter is the 404 page.
 */
@WebPages()
@Controller('gp')
export class GpController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly patients: PatientsService,
    private readonly letters: LettersService,
  ) {}

  @Get('referrals')
  @Authenticated({ action: 'read', subject: 'Referral' })
  async referralList(@CurrentActor() actor: Actor, @Res() res: Response, @Query('cursor') cursor?: string): Promise<void> {
    const page = await this.referrals.list(actor, { cursor: text(cursor) });
    const patients = await this.patients.getMany(
      actor,
      page.items.map((r) => r.patientId),
    );
    await render(res, 'gp/referrals', {
      title: 'Your practice’s referrals',
      referrals: page.items.map((referral) => ({ referral, patient: patients.get(referral.patientId) })),
      total: page.total,
      nextCursor: page.nextCursor,
    });
  }

  /** Step 1: find the patient by NHS number (posted, so the number never appears in an address). */
  @Get('referrals/new')
  @Authenticated({ action: 'create', subject: 'Referral' })
  async findPatientForm(@Res() res: Response): Promise<void> {
    await render(res, 'gp/find-patient', findPatientContext({}));
  }

  @Post('referrals/new')
  @Authenticated({ action: 'create', subject: 'Referral' })
  async findPatient(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const nhsNumber = text(body.nhsNumber);
    await handleForm(res, { view: 'gp/find-patient', context: findPatientContext({ nhsNumber: nhsNumber ?? '' }) }, async () => {
      if (!nhsNumber) throw formError('Enter the patient’s NHS number', 'nhsNumber');
      const query = await validateForm(ListPatientsQuery, { nhsNumber }, FIND_LABELS).catch(() => {
        throw formError('Enter a valid NHS number, like 999 123 4567', 'nhsNumber');
      });
      const [patient] = (await this.patients.list(actor, { nhsNumber: query.nhsNumber, limit: 1 })).items;
      if (!patient) throw formError('No patient registered at your practice has this NHS number', 'nhsNumber');
      return { url: `/gp/referrals/new/${patient.id}` };
    });
  }

  /** Step 2: the referral itself, under the patient's banner so the GP sees whom they are referring. */
  @Get('referrals/new/:patientId')
  @Authenticated({ action: 'create', subject: 'Referral' })
  async referForm(@CurrentActor() actor: Actor, @UuidParam('patientId') patientId: string, @Res() res: Response): Promise<void> {
    await render(res, 'gp/refer', await this.referContext(actor, patientId, { priority: 'routine', redFlags: [] }));
  }

  @Post('referrals/new/:patientId')
  @Authenticated({ action: 'create', subject: 'Referral' })
  async refer(
    @CurrentActor() actor: Actor,
    @UuidParam('patientId') patientId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const flags = list(body.redFlags);
    const values = {
      priority: text(body.priority),
      reason: text(body.reason),
      externalReference: text(body.externalReference),
      redFlags: flags,
    };
    const context = await this.referContext(actor, patientId, values);
    await handleForm(res, { view: 'gp/refer', context }, async () => {
      const request = await validateForm(
        CreateReferralRequest,
        {
          patientId,
          priority: values.priority,
          reason: values.reason,
          externalReference: values.externalReference,
          redFlags: redFlagsOf(flags),
        },
        REFER_LABELS,
      ).catch((error: unknown) => {
        throw inPlainWords(error, REFER_MESSAGES);
      });
      const result = await submitForm(() => this.referrals.create(actor, request), REFER_LABELS);
      const name = `${context.patient.givenName} ${context.patient.familyName}`;
      return {
        url: '/gp/referrals',
        flash: result.created ? `Referral sent for ${name}` : `${name} was already referred with this e-RS reference`,
      };
    });
  }

  /** The practice's letters inbox, unacknowledged first. */
  @Get('letters')
  @Authenticated({ action: 'acknowledge', subject: 'Letter' })
  async inbox(@CurrentActor() actor: Actor, @Res() res: Response, @Query('cursor') cursor?: string): Promise<void> {
    const page = await this.letters.inbox(actor, { cursor: text(cursor) });
    await render(res, 'gp/letters', {
      title: 'Letters',
      letters: page.items,
      unacknowledged: page.items.filter((l) => !l.acknowledgedAt).length,
      nextCursor: page.nextCursor,
    });
  }

  /** The letter as delivered: its PDF, never cached by the browser. */
  @Get('letters/:id/pdf')
  @Authenticated({ action: 'read', subject: 'Letter' })
  async pdf(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.letters.pdf(actor, id, 'gp'), `letter-${id}.pdf`);
  }

  @Post('letters/:id/acknowledge')
  @Authenticated({ action: 'acknowledge', subject: 'Letter' })
  async acknowledge(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const request = await validateForm(LetterVersionRequest, { version: integer(body.version) });
    const letter = await this.letters.acknowledge(actor, id, request);
    redirect(res, '/gp/letters', `Letter about ${letter.patient.name} acknowledged`);
  }

  private async referContext(actor: Actor, patientId: string, values: Record<string, unknown>) {
    const patient = await this.patients.get(actor, patientId);
    return {
      title: 'Refer this patient',
      patient,
      values,
      priorities: PRIORITIES,
      redFlags: RED_FLAG_ITEMS,
      breadcrumbs: [
        { text: 'Referrals', href: '/gp/referrals' },
        { text: 'Find the patient', href: '/gp/referrals/new' },
      ],
    };
  }
}

function findPatientContext(values: { nhsNumber?: string }) {
  return { title: 'Find the patient', values, breadcrumbs: [{ text: 'Referrals', href: '/gp/referrals' }] };
}
