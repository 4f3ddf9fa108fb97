import { Controller, Get, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiReportResponse, ReportRangeQuery, toCsv } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { HandoffReport } from './dto/handoffs.dto';
import { HandoffReportsService } from './handoff-reports.service';

/** The report as CSV (the API's format=csv, and the page's download). */
export function handoffReportCsv(report: HandoffReport): string {
  return toCsv(
    ['organisation_id', 'organisation_name', 'proposed', 'open', 'rejected', 'cancelled', 'engaged', 'did_not_engage', 'engaged_share'],
    report.rows.map((r) => [
      r.organisationId,
      r.organisationName,
      r.proposed,
      r.open,
      r.rejected,
      r.cancelled,
      r.engaged,
      r.didNotEngage,
      r.engagedShare,
    ]),
  );
}

@ApiTags('reports')
@Controller('reports')
@ApiError(HttpStatus.BAD_REQUEST, 'Bad query (dates, from after to)')
export class HandoffReportsController {
  constructor(private readonly reports: HandoffReportsService) {}

  @Get('handoffs')
  @ApiOperation({ summary: 'Handoffs report: proposed per community organisation, by outcome, with the share engaged (JSON or CSV)' })
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiReportResponse(HandoffReport, 'One row per organisation, handoffs proposed in the period (CSV with format=csv)')
  async handoffs(
    @CurrentActor() actor: Actor,
    @Query() query: ReportRangeQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HandoffReport | string> {
    const report = await this.reports.report(actor, query);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="handoffs-${report.generatedOn}.csv"`);
    return handoffReportCsv(report);
  }
}
