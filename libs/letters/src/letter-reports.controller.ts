import { Controller, Get, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiReportResponse, toCsv } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { LetterReport, LetterReportQuery } from './dto/letters.dto';
import { LETTER_STATUSES } from './letter.rules';
import { LettersService } from './letters.service';

/** The letters report as CSV: one row per kind (the API's format=csv, and the page's download). */
export function letterReportCsv(report: LetterReport): string {
  return toCsv(
    [
      'kind',
      ...LETTER_STATUSES,
      'event_to_approval_median_days',
      'event_to_approval_p90_days',
      'approval_to_delivery_median_days',
      'approval_to_delivery_p90_days',
      'delivery_to_acknowledgement_median_days',
      'delivery_to_acknowledgement_p90_days',
      'overdue_now',
    ],
    report.rows.map((r) => [
      r.kind,
      ...LETTER_STATUSES.map((s) => r.counts[s]),
      r.eventToApprovalMedian,
      r.eventToApprovalP90,
      r.approvalToDeliveryMedian,
      r.approvalToDeliveryP90,
      r.deliveryToAcknowledgementMedian,
      r.deliveryToAcknowledgementP90,
      report.overdueNow,
    ]),
  );
}

@ApiTags('reports')
@Controller('reports')
@ApiError(HttpStatus.BAD_REQUEST, 'Bad query')
export class LetterReportsController {
  constructor(private readonly letters: LettersService) {}

  @Get('letters')
  @ApiOperation({ summary: 'Letters report: states and turnaround per kind, and letters overdue now (JSON or CSV)' })
  @Authenticated({ action: 'read', subject: 'Report' })
  @ApiReportResponse(LetterReport, 'Per kind: counts by state, median and 90th percentile days for each step (CSV with format=csv)')
  async report(
    @CurrentActor() actor: Actor,
    @Query() query: LetterReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LetterReport | string> {
    const report = await this.letters.report(actor, query);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="letters-${report.generatedOn}.csv"`);
    return letterReportCsv(report);
  }
}
