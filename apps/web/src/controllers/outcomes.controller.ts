import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import {
  comparableValue,
  MEASURE_BANDS,
  MEASURES,
  OutcomesService,
  PathwayError,
  PathwayErrorCode,
  PathwaysService,
  RecordOutcomeRequest,
  TIMEPOINTS,
  validateAnswers,
} from '@carepath/pathways';
import { PatientsService } from '@carepath/patients';
import { formError, FormInvalid, submitForm, text, validateForm } from '../forms';
import { bandStarts, outcomeChart } from '../outcomes/outcome-chart';
import { answersFrom, enteredValues, QUESTIONNAIRES, questionErrors, questionnaireFor, Questionnaire } from '../outcomes/questionnaires';
import { formatDate } from '../view-filters';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';

type FormBody = Record<string, unknown>;

const TIMEPOINT_ERROR = 'Select when this questionnaire was completed';

/** Outcome measures as the questionnaires patients fill in, their scores, and each measure's totals over time. */
@WebPages()
@Controller('pathways/:id/outcomes')
export class OutcomePagesController {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly outcomes: OutcomesService,
    private readonly patients: PatientsService,
  ) {}

  /** Each measure recorded on the pathway as a chart of its totals (the VAS for EQ-5D-5L), with a table of the same numbers. */
  @Get()
  @Authenticated({ action: 'read', subject: 'Outcome' })
  async chart(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const { items } = await this.outcomes.list(actor, id);
    const charts = MEASURES.map((measure) => {
      const recorded = items.filter((o) => o.measure === measure);
      const q = QUESTIONNAIRES[measure];
      const points = recorded.map((o) => ({ value: comparableValue(measure, o) ?? 0, label: formatDate(o.recordedAt) }));
      return {
        measure,
        title: q.title,
        valueName: measure === 'EQ5D5L' ? 'Health today (VAS, 0 to 100)' : `Total score (${q.range.min} to ${q.range.max})`,
        higherIsBetter: measure === 'PSEQ' || measure === 'EQ5D5L',
        rows: recorded,
        chart: outcomeChart({ ...q.range, points, bands: bandStarts(MEASURE_BANDS[measure]) }),
      };
    }).filter((c) => c.rows.length > 0);
    await render(res, 'pathways/outcomes', { ...(await this.context(actor, id)), title: 'Outcome scores over time', charts });
  }

  /** The questionnaire named by `?measure=`, or the choice of questionnaire. */
  @Get('new')
  @Authenticated({ action: 'create', subject: 'Outcome' })
  async form(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query('measure') measure: unknown,
    @Query('chosen') chosen: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const questionnaire = questionnaireFor(measure);
    const context = await this.context(actor, id);
    if (!questionnaire) {
      // The choice itself sends `chosen`: Continue with no questionnaire chosen is an error on it.
      const errors = chosen === undefined ? undefined : formError('Select a questionnaire', 'measure').errors;
      const choose = { ...context, title: 'Record an outcome measure', questionnaires: Object.values(QUESTIONNAIRES), errors };
      await render(res, 'pathways/outcome-choose', choose, errors ? 400 : 200);
      return;
    }
    await render(res, 'pathways/outcome-form', { ...context, title: questionnaire.title, questionnaire, values: {} });
  }

  @Post('new')
  @Authenticated({ action: 'create', subject: 'Outcome' })
  async record(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query('measure') measure: unknown,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const questionnaire = questionnaireFor(measure);
    if (!questionnaire) throw new PathwayError(PathwayErrorCode.PathwayNotFound, 'Not found');
    const values = { ...enteredValues(questionnaire, body), timepoint: text(body.timepoint) ?? '' };
    const redisplay = async () => ({ ...(await this.context(actor, id)), title: questionnaire.title, questionnaire, values });
    await handleForm(res, { view: 'pathways/outcome-form', context: redisplay }, async () => {
      const request = await this.readAnswers(questionnaire, body);
      const saved = await submitForm(() => this.outcomes.record(actor, id, request));
      return { url: `/pathways/${id}/outcomes/${saved.id}` };
    });
  }

  /** The score and band of one recording, as the service worked them out; and whether an urgent task was raised. */
  @Get(':outcomeId')
  @Authenticated({ action: 'read', subject: 'Outcome' })
  async result(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('outcomeId') outcomeId: string,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = (await this.outcomes.list(actor, id)).items.find((o) => o.id === outcomeId);
    if (!outcome) throw new PathwayError(PathwayErrorCode.PathwayNotFound, 'Not found');
    const questionnaire = QUESTIONNAIRES[outcome.measure];
    await render(res, 'pathways/outcome-result', {
      ...(await this.context(actor, id)),
      title: `${questionnaire.title} result`,
      questionnaire,
      outcome,
    });
  }

  /**
   * The answers as the API takes them, every unanswered question named at once (the measure's own rules say which),
   * and the timepoint chosen.
   */
  private async readAnswers(questionnaire: Questionnaire, body: FormBody): Promise<RecordOutcomeRequest> {
    const answers = answersFrom(questionnaire, body);
    const errors = questionErrors(questionnaire, validateAnswers(questionnaire.measure, answers));
    const timepoint = text(body.timepoint);
    if (!(TIMEPOINTS as readonly unknown[]).includes(timepoint)) {
      errors.summary.unshift({ text: TIMEPOINT_ERROR, href: '#timepoint' });
      errors.fields.timepoint = TIMEPOINT_ERROR;
    }
    if (errors.summary.length) throw new FormInvalid(errors);
    return validateForm(RecordOutcomeRequest, { measure: questionnaire.measure, timepoint, answers });
  }

  /** Every outcome page is about the pathway's patient: their banner, and the way back to the pathway. */
  private async context(actor: Actor, id: string) {
    const pathway = await this.pathways.get(actor, id);
    return {
      pathway,
      patient: await this.patients.get(actor, pathway.patientId),
      breadcrumbs: [{ text: 'Care pathway', href: `/pathways/${id}` }],
    };
  }
}
