import { Controller, Get, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiReportResponse, toCsv } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { MdtReport, MdtReportQuery } from './dto/mdt.dto';
import { MdtReportsService } from './mdt-reports.service';

/** The MDT report as CSV: one row per month (the API's format=csv, and the page's download). */
export function mdtReportCsv(report: MdtReport): string {
  return toCsv(
    [
      'month',
      'cases_discussed',
      'continue',
      'change_pathway',
      'discharge',
      'refer_on',
      'handoff_to_community',
      'actions_completed_on_time',
      'actions_completed_late',
      'overdue_at_month_end',
    ],
    report.rows.map((r) => [
      r.month,
      r.casesDiscussed,
      r.decisions.continue,
      r.decisions['change-pathway'],
      r.decisions.discharge,
      r.decisions['refer-on'],
      r.decisions['handoff-to-community'],
      r.actionsCompletedOnTime,
      r.actionsCompletedLate,
      r.overdueAtMonthEnd,
    ]),
  );
}

@ApiTags('reports')
@Controller('reports')
@ApiError(HttpStatus.BAD_REQUEST, 'Bad query (dates, from after to, more than 24 months)')
export class MdtReportsController {
  constructor(private readonly reports: MdtReportsService) {}

  @Get('mdt')
  @ApiOperation({
    summary: 'MDT report per month: cases discussed, decisions by kind, actions on time and late, overdue reviews (JSON or CSV)',
  })
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiReportResponse(MdtReport, 'One row per month (CSV with format=csv)')
  async mdt(
    @CurrentActor() actor: Actor,
    @Query() query: MdtReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MdtReport | string> {
    const report = await this.reports.report(actor, query);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="mdt-${report.generatedOn}.csv"`);
    return mdtReportCsv(report);
  }
}
