import { Controller, Get, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiReportResponse, toCsv } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { DnaReport, OutcomeReport, ReportPeriodQuery } from './dto/pathways.dto';
import { PathwayReportsService } from './pathway-reports.service';

function asCsv(res: Response, name: string, day: string, csv: string): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}-${day}.csv"`);
  return csv;
}

/** The outcome report as CSV: one row per modality and measure. */
export function outcomeReportCsv(report: OutcomeReport): string {
  return toCsv(
    ['modality', 'measure', 'patients', 'mean_baseline', 'mean_discharge', 'mean_change', 'meaningful_change_share'],
    report.rows.map((r) => [r.modality, r.measure, r.patients, r.meanBaseline, r.meanDischarge, r.meanChange, r.meaningfulChangeShare]),
  );
}

/** The DNA report as CSV: one row per modality, then per lead clinician. */
export function dnaReportCsv(report: DnaReport): string {
  return toCsv(
    ['by', 'key', 'name', 'attended', 'dna', 'dna_rate'],
    report.rows.map((r) => [r.by, r.key, r.name, r.attended, r.dna, r.dnaRate]),
  );
}

@ApiTags('reports')
@Controller('reports')
@ApiError(HttpStatus.BAD_REQUEST, 'Bad query')
export class PathwayReportsController {
  constructor(private readonly reports: PathwayReportsService) {}

  @Get('outcomes')
  @ApiOperation({ summary: 'Outcome report: baseline against discharge scores (JSON or CSV)' })
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiReportResponse(OutcomeReport, 'Baseline against discharge per modality and measure (CSV with format=csv)')
  async outcomes(
    @CurrentActor() actor: Actor,
    @Query() query: ReportPeriodQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OutcomeReport | string> {
    const report = await this.reports.outcomes(actor, query);
    if (query.format !== 'csv') return report;
    return asCsv(res, 'outcomes', report.generatedOn, outcomeReportCsv(report));
  }

  @Get('dna')
  @ApiOperation({ summary: 'DNA report: rates per modality and lead clinician (JSON or CSV)' })
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiReportResponse(DnaReport, 'DNA rates per modality and per lead clinician (CSV with format=csv)')
  async dna(
    @CurrentActor() actor: Actor,
    @Query() query: ReportPeriodQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DnaReport | string> {
    const report = await this.reports.dna(actor, query);
    if (query.format !== 'csv') return report;
    return asCsv(res, 'dna', report.generatedOn, dnaReportCsv(report));
  }
}
