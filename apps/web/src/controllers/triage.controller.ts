import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { PatientsService } from '@carepath/patients';
import { ReferralsService, THERAPY_MODALITIES, TriageRequest } from '@carepath/referrals';
import { integer, list, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';
import { RED_FLAG_NAMES } from '../referral-views';

const LABELS = {
  outcome: 'Triage outcome',
  modalities: 'Therapies',
  introSession: 'Introductory session',
  reason: 'Reason',
  destination: 'Where the referral goes instead',
};

const TRIAGE = { text: 'Triage', href: '/triage' };

const FLASH: Record<string, string> = {
  accept: 'Referral accepted',
  reject: 'Referral rejected',
  redirect: 'Referral redirected',
  'request-info': 'More information requested from the referrer',
};

/**
 * The triage form's fields as the API's request: each outcome sends only its own fields, so what was typed under
 * another option (all are shown without JavaScript) is not sent with it.
 */
function triageBody(body: Record<string, unknown>): Record<string, unknown> {
  const outcome = text(body.outcome);
  const version = integer(body.version);
  const reason = text(body.reason);
  if (outcome === 'accept') {
    const modalities = list(body.modalities);
    return { outcome, modalities: modalities.length ? modalities : undefined, introSession: body.introSession === 'yes', reason, version };
  }
  if (outcome === 'redirect') return { outcome, reason, destination: text(body.destination), version };
  return { outcome, reason, version };
}

@WebPages()
@Controller()
export class TriagePagesController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly patients: PatientsService,
  ) {}

  /** Referrals awaiting triage: urgent first, then the longest waiting. */
  @Get('triage')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  async queue(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const queue = await this.referrals.triageQueue(actor);
    await render(res, 'triage/index', { title: 'Triage', queue });
  }

  @Get('referrals/:id/triage')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  async form(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'triage/form', await this.context(actor, id, { modalities: [] }));
  }

  @Post('referrals/:id/triage')
  @Authenticated({ action: 'triage', subject: 'Referral' })
  async triage(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const values = { ...body, modalities: list(body.modalities) };
    await handleForm(res, { view: 'triage/form', context: () => this.context(actor, id, values) }, async () => {
      const request = await validateForm(TriageRequest, triageBody(body), LABELS);
      await submitForm(() => this.referrals.triage(actor, id, request), LABELS);
      return { url: `/referrals/${id}`, flash: FLASH[request.outcome] };
    });
  }

  private async context(actor: Actor, id: string, values: Record<string, unknown>): Promise<Record<string, unknown>> {
    const referral = await this.referrals.get(actor, id);
    const patient = await this.patients.get(actor, referral.patientId);
    return {
      title: 'Triage a referral',
      referral,
      patient,
      values,
      redFlagNames: RED_FLAG_NAMES,
      modalities: THERAPY_MODALITIES,
      breadcrumbs: [TRIAGE],
    };
  }
}
