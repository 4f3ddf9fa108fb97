import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { CommonErrorCode, DomainError, UuidParam } from '@carepath/common';
import {
  KIND_TITLES,
  LetterResponse,
  LettersService,
  LetterVersionRequest,
  NARRATIVE_LIMITS,
  NarrativeHeading,
  UpdateLetterRequest,
} from '@carepath/letters';
import { PatientsService } from '@carepath/patients';
import { formError, integer, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, redirect, render, sendPdf } from '../web-response';

/** The headings a clinician writes, in the order the letter prints them, with what each asks for. */
const NARRATIVE: { name: NarrativeHeading; label: string; hint: string }[] = [
  { name: 'attendanceDetails', label: 'Attendance details', hint: 'When and how the patient was seen, and by whom' },
  { name: 'clinicalSummary', label: 'Clinical summary', hint: 'Assessment findings, scores and progress' },
  { name: 'diagnoses', label: 'Diagnoses and problems', hint: '' },
  { name: 'actionsForGp', label: 'Plan and requested actions: for the GP', hint: 'What you ask the GP to do, if anything' },
  { name: 'actionsForPatient', label: 'Plan and requested actions: for the patient', hint: '' },
  { name: 'informationGiven', label: 'Information given to the patient', hint: '' },
];

const LABELS = Object.fromEntries(NARRATIVE.map((h) => [h.name, h.label]));

const STALE =
  'Someone else saved this letter after you opened it, so your changes were not saved. Your text is still below: copy it, open the letter again to see their changes, then add yours.';

/**
 * GP letters in the clinic: a clinician writes the drafts of their service under the PRSB headings, previews the
 * PDF and approves it; an admin resends failed deliveries and sees which letters are overdue.
 */
@WebPages()
@Controller('letters')
export class LettersPagesController {
  constructor(
    private readonly letters: LettersService,
    private readonly patients: PatientsService,
  ) {}

  /** Drafts waiting for a clinician of the service to write and approve, newest first. */
  @Get()
  @Authenticated({ action: 'update', subject: 'Letter' })
  async drafts(@CurrentActor() actor: Actor, @Res() res: Response, @Query('cursor') cursor?: string): Promise<void> {
    const page = await this.letters.list(actor, { status: 'draft', cursor: text(cursor) });
    await render(res, 'letters/drafts', {
      title: 'Letters to write and approve',
      letters: page.items,
      nextCursor: page.nextCursor,
      kinds: KIND_TITLES,
    });
  }

  /** Letters whose delivery failed, with the reason, for an admin to send again. */
  @Get('failed')
  @Authenticated({ action: 'resend', subject: 'Letter' })
  async failed(@CurrentActor() actor: Actor, @Res() res: Response, @Query('cursor') cursor?: string): Promise<void> {
    const page = await this.letters.list(actor, { status: 'failed', cursor: text(cursor) });
    await render(res, 'letters/failed', {
      title: 'Letters that could not be delivered',
      letters: page.items,
      nextCursor: page.nextCursor,
      kinds: KIND_TITLES,
    });
  }

  @Post(':id/resend')
  @Authenticated({ action: 'resend', subject: 'Letter' })
  async resend(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const request = await validateForm(LetterVersionRequest, { version: integer(body.version) });
    const letter = await this.letters.resend(actor, id, request);
    redirect(res, '/letters/failed', `Letter about ${letter.patient.name} queued to be sent again`);
  }

  /** Letters due more than 10 days after an attended assessment or MDT decision, most overdue first. */
  @Get('overdue')
  @Authenticated({ action: 'read', subject: 'Letter' })
  async overdue(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await render(res, 'letters/overdue', { title: 'Letters overdue', overdue: await this.letters.overdue(actor) });
  }

  /** A draft under its headings: the record's facts as composed, and a text box for each heading the clinician writes. */
  @Get(':id')
  @Authenticated({ action: 'update', subject: 'Letter' })
  async edit(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const letter = await this.letters.get(actor, id);
    if (letter.status !== 'draft') return redirect(res, '/letters', 'That letter has already been approved or withdrawn');
    await render(res, 'letters/edit', await this.editContext(actor, letter, { ...narrativeOf(letter), version: letter.version }));
  }

  /** Saves the headings at the version the clinician opened; "Save and check" then goes on to approval. */
  @Post(':id')
  @Authenticated({ action: 'update', subject: 'Letter' })
  async save(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    // As typed (not trimmed), so a failed save shows exactly what the clinician wrote.
    const content = Object.fromEntries(NARRATIVE.map((h) => [h.name, typeof body[h.name] === 'string' ? body[h.name] : '']));
    const version = integer(body.version);
    const redisplay = async () => this.editContext(actor, await this.letters.get(actor, id), { ...content, version });
    await handleForm(res, { view: 'letters/edit', context: redisplay }, async () => {
      const request = await validateForm(UpdateLetterRequest, { content, version }, LABELS);
      await submitForm(
        () =>
          this.letters.update(actor, id, request).catch((error: unknown) => {
            throw error instanceof DomainError && error.code === CommonErrorCode.StaleVersion ? formError(STALE) : error;
          }),
        LABELS,
      );
      return body.next === 'check' ? { url: `/letters/${id}/approve` } : { url: `/letters/${id}`, flash: 'Draft saved' };
    });
  }

  /** The draft as the GP would receive it if approved now, as a PDF; nothing is stored or sent. */
  @Get(':id/preview')
  @Authenticated({ action: 'update', subject: 'Letter' })
  async preview(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.letters.preview(actor, id), `draft-letter-${id}.pdf`);
  }

  /** Check the letter before approving it (NHS "check your answers"). */
  @Get(':id/approve')
  @Authenticated({ action: 'approve', subject: 'Letter' })
  async check(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const letter = await this.letters.get(actor, id);
    if (letter.status !== 'draft') return redirect(res, '/letters', 'That letter has already been approved or withdrawn');
    await render(res, 'letters/check', {
      title: 'Check the letter before you approve it',
      letter,
      narrative: NARRATIVE,
      kindTitle: KIND_TITLES[letter.kind],
      patient: await this.patients.get(actor, letter.patientId),
      breadcrumbs: [
        { text: 'Letters', href: '/letters' },
        { text: 'Edit the letter', href: `/letters/${id}` },
      ],
    });
  }

  @Post(':id/approve')
  @Authenticated({ action: 'approve', subject: 'Letter' })
  async approve(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const request = await validateForm(LetterVersionRequest, { version: integer(body.version) });
    const letter = await this.letters.approve(actor, id, request);
    redirect(res, '/letters', `Letter about ${letter.patient.name} approved and queued for the GP practice`);
  }

  private async editContext(actor: Actor, letter: LetterResponse, values: Record<string, unknown>) {
    return {
      title: `Edit the letter: ${KIND_TITLES[letter.kind]}`,
      letter,
      kindTitle: KIND_TITLES[letter.kind],
      narrative: NARRATIVE.map((h) => ({ ...h, limit: NARRATIVE_LIMITS[h.name].toLocaleString('en-GB') })),
      values,
      patient: await this.patients.get(actor, letter.patientId),
      breadcrumbs: [{ text: 'Letters', href: '/letters' }],
    };
  }
}

function narrativeOf(letter: LetterResponse): Record<NarrativeHeading, string> {
  return Object.fromEntries(NARRATIVE.map((h) => [h.name, letter.content[h.name]])) as Record<NarrativeHeading, string>;
}
