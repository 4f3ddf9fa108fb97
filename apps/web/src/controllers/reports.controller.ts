import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { EnumParam, ReportRangeQuery } from '@carepath/common';
import { handoffReportCsv, HandoffReport, HandoffReportsService } from '@carepath/handoffs';
import { LetterReport, letterReportCsv, LETTER_STATUSES, LettersService } from '@carepath/letters';
import { MdtReport, mdtReportCsv, MdtReportsService } from '@carepath/mdt';
import { DnaReport, dnaReportCsv, OutcomeReport, outcomeReportCsv, PathwayReportsService } from '@carepath/pathways';
import {
  ReferralReport,
  referralReportCsv,
  ReferralReportsService,
  reportToCsv,
  WaitingListReport,
  WaitingListService,
} from '@carepath/referrals';
import { barChart, histogram, percent, signed } from '../charts';
import { dateParts, formError, FormInvalid, submitForm, validateForm } from '../forms';
import { humanise, modalityName } from '../view-filters';
import { WebPages } from '../web-pages.decorator';
import { render } from '../web-response';

type Period = { from?: string; to?: string };

interface ReportDefinition {
  title: string;
  /** What the report counts, on the index. */
  summary: string;
  /** Whether it covers a date range (the waiting list is a snapshot of today). */
  range: boolean;
  load(actor: Actor, period: Period): Promise<{ generatedOn: string }>;
  csv(report: unknown): string;
  /** The charts and tables the page shows, from the report. */
  view(report: unknown): Record<string, unknown>;
}

const REPORT_NAMES = ['waiting-list', 'referrals', 'outcomes', 'dna', 'mdt', 'letters', 'handoffs'] as const;
type ReportName = (typeof REPORT_NAMES)[number];

const RANGE_LABELS = { from: 'Start date', to: 'End date' };

/** The RTT week bands the waiting-list chart shows: at least the first 26 weeks, and up to the longest wait. */
const MIN_WEEKS_SHOWN = 26;
const BREACH_WEEKS = 18;

function waitingListView(report: WaitingListReport): Record<string, unknown> {
  const all = report.rows.find((r) => r.modality === 'all');
  const bands = Object.entries(all?.bands ?? {});
  const last = bands.reduce((acc, [, n], i) => (n > 0 ? i : acc), -1);
  const shown = bands.slice(0, Math.max(MIN_WEEKS_SHOWN, last + 1));
  return {
    chart: histogram(
      shown.map(([label, value]) => ({ label, value })),
      { markerBefore: BREACH_WEEKS, markerLabel: '18 weeks' },
    ),
    bands: shown.filter(([, n]) => n > 0).map(([band, n]) => ({ band, n })),
    lists: report.rows,
  };
}

function outcomesView(report: OutcomeReport): Record<string, unknown> {
  const measures = [...new Set(report.rows.map((r) => r.measure))];
  return {
    changeCharts: measures.map((measure) => ({
      measure,
      chart: barChart(
        report.rows.filter((r) => r.measure === measure).map((r) => ({ label: modalityName(r.modality), value: r.meanChange })),
        { format: signed },
      ),
    })),
  };
}

function dnaView(report: DnaReport): Record<string, unknown> {
  const modalities = report.rows.filter((r) => r.by === 'modality');
  return {
    chart: barChart(
      modalities.map((r) => ({ label: modalityName(r.key), value: r.dnaRate })),
      { format: percent, max: 1 },
    ),
    modalities,
    clinicians: report.rows.filter((r) => r.by === 'clinician'),
  };
}

function lettersView(report: LetterReport): Record<string, unknown> {
  return {
    chart: barChart(
      report.rows.map((r) => ({ label: humanise(r.kind), value: r.eventToApprovalMedian })),
      { format: (n) => `${n} days` },
    ),
    statuses: LETTER_STATUSES,
  };
}

/** Reads the date range boxes of the report form (a GET form: `from-day` … `to-year`). */
function rangeOf(query: Record<string, unknown>): Period {
  return { from: dateParts(query, 'from'), to: dateParts(query, 'to') };
}

/** The query string of a range, for the CSV link (dates only; no patient data is ever in a report's address). */
function rangeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const end of ['from', 'to'])
    for (const part of ['day', 'month', 'year']) {
      const value = query[`${end}-${part}`];
      if (typeof value === 'string' && value.trim() !== '') params.set(`${end}-${part}`, value.trim());
    }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Reports for admins and service managers: an index, and a page per report with its date range (a GET form), the
 * API's own CSV as a download, and charts drawn on the server beside tables of the same numbers.
 */
@WebPages()
@Controller('reports')
export class ReportsPagesController {
  private readonly reports: Record<ReportName, ReportDefinition>;

  constructor(
    waitingList: WaitingListService,
    referrals: ReferralReportsService,
    pathways: PathwayReportsService,
    mdt: MdtReportsService,
    letters: LettersService,
    handoffs: HandoffReportsService,
  ) {
    this.reports = {
      'waiting-list': {
        title: 'Waiting list',
        summary: 'Patients waiting today on each list, by RTT week band, with those over 18 and 52 weeks.',
        range: false,
        load: (actor) => waitingList.report(actor),
        csv: (r) => reportToCsv(r as WaitingListReport),
        view: (r) => waitingListView(r as WaitingListReport),
      },
      referrals: {
        title: 'Referrals',
        summary: 'Referrals received each month from each practice, by triage outcome.',
        range: true,
        load: (actor, period) => referrals.report(actor, period),
        csv: (r) => referralReportCsv(r as ReferralReport),
        view: () => ({}),
      },
      outcomes: {
        title: 'Outcomes',
        summary: 'Change in outcome scores from baseline to discharge, per therapy and measure.',
        range: true,
        load: (actor, period) => pathways.outcomes(actor, period),
        csv: (r) => outcomeReportCsv(r as OutcomeReport),
        view: (r) => outcomesView(r as OutcomeReport),
      },
      dna: {
        title: 'Did not attend (DNA)',
        summary: 'The share of sessions patients did not attend, per therapy and lead clinician.',
        range: true,
        load: (actor, period) => pathways.dna(actor, period),
        csv: (r) => dnaReportCsv(r as DnaReport),
        view: (r) => dnaView(r as DnaReport),
      },
      mdt: {
        title: 'MDT',
        summary: 'Cases discussed and decisions each month, actions done on time or late, and reviews overdue.',
        range: true,
        load: (actor, period) => mdt.report(actor, period),
        csv: (r) => mdtReportCsv(r as MdtReport),
        view: () => ({}),
      },
      letters: {
        title: 'Letters',
        summary: 'Letters by state and how long each step took, per kind of letter, and letters overdue now.',
        range: true,
        load: (actor, period) => letters.report(actor, period),
        csv: (r) => letterReportCsv(r as LetterReport),
        view: (r) => lettersView(r as LetterReport),
      },
      handoffs: {
        title: 'Handoffs',
        summary: 'Patients handed on to community organisations, by outcome, with the share who engaged.',
        range: true,
        load: (actor, period) => handoffs.report(actor, period),
        csv: (r) => handoffReportCsv(r as HandoffReport),
        view: () => ({}),
      },
    };
  }

  @Get()
  @Authenticated({ action: 'read', subject: 'Report' })
  async index(@Res() res: Response): Promise<void> {
    await render(res, 'reports/index', {
      title: 'Reports',
      reports: REPORT_NAMES.map((name) => ({ name, title: this.reports[name].title, summary: this.reports[name].summary })),
    });
  }

  @Get(':name')
  @Authenticated({ action: 'read', subject: 'Report' })
  async report(
    @CurrentActor() actor: Actor,
    @EnumParam('name', REPORT_NAMES) name: ReportName,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const definition = this.reports[name];
    const context = {
      title: `${definition.title} report`,
      name,
      definition,
      values: query,
      csvHref: `/reports/${name}/csv${rangeQuery(query)}`,
      breadcrumbs: [{ text: 'Reports', href: '/reports' }],
    };
    try {
      const { period, report } = await this.load(actor, definition, query);
      await render(res, `reports/${name}`, { ...context, period, report, ...definition.view(report) });
    } catch (error) {
      if (!(error instanceof FormInvalid)) throw error;
      await render(res, `reports/${name}`, { ...context, errors: error.errors }, 400);
    }
  }

  @Get(':name/csv')
  @Authenticated({ action: 'read', subject: 'Report' })
  async csv(
    @CurrentActor() actor: Actor,
    @EnumParam('name', REPORT_NAMES) name: ReportName,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const definition = this.reports[name];
    try {
      const { report } = await this.load(actor, definition, query);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}-${report.generatedOn}.csv"`);
      res.send(definition.csv(report));
    } catch (error) {
      if (!(error instanceof FormInvalid)) throw error;
      await render(
        res,
        `reports/${name}`,
        { title: `${definition.title} report`, name, definition, values: query, errors: error.errors },
        400,
      );
    }
  }

  /** The report for the range in the query, checked as the API checks it; a range that ends before it starts is the user's to fix. */
  private async load(actor: Actor, definition: ReportDefinition, query: Record<string, unknown>) {
    const typed = definition.range ? rangeOf(query) : {};
    const period = await validateForm(ReportRangeQuery, typed, RANGE_LABELS);
    if (period.from && period.to && period.from > period.to)
      throw formError('Start date must be the same as or before the end date', 'from');
    const report = await submitForm(() => definition.load(actor, period), RANGE_LABELS);
    return { period, report };
  }
}
