import { Controller, Get, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiReportResponse, ReportRangeQuery, toCsv } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { ReferralReport } from './dto/referral-reports.dto';
import { ReferralReportsService } from './referral-reports.service';

/** The report as CSV (the API's format=csv, and the page's download). */
export function referralReportCsv(report: ReferralReport): string {
  return toCsv(
    ['month', 'practice_id', 'practice_name', 'received', 'accepted', 'rejected', 'redirected', 'info_requested', 'awaiting_triage'],
    report.rows.map((r) => [
      r.month,
      r.practiceId,
      r.practiceName,
      r.received,
      r.accepted,
      r.rejected,
      r.redirected,
      r.infoRequested,
      r.awaitingTriage,
    ]),
  );
}

@ApiTags('reports')
@Controller('reports')
@ApiError(HttpStatus.BAD_REQUEST, 'Bad query (dates, from after to)')
export class ReferralReportsController {
  constructor(private readonly reports: ReferralReportsService) {}

  @Get('referrals')
  @ApiOperation({ summary: 'Referrals report: received per month and referring practice, by triage outcome (JSON or CSV)' })
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiReportResponse(ReferralReport, 'One row per month and practice, received in the period (CSV with format=csv)')
  async referrals(
    @CurrentActor() actor: Actor,
    @Query() query: ReportRangeQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReferralReport | string> {
    const report = await this.reports.report(actor, query);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="referrals-${report.generatedOn}.csv"`);
    return referralReportCsv(report);
  }
}
