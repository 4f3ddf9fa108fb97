import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ValidationFailed } from './errors';
import { IsDateOnly } from './validators';

/** Every report answers as JSON, or as CSV with format=csv. */
export class ReportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

/** A report over a period of London days, either end open. */
export class ReportRangeQuery extends ReportQuery {
  @ApiPropertyOptional({ format: 'date', description: 'From this date (inclusive)' }) @IsOptional() @IsDateOnly() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Up to this date (inclusive)' }) @IsOptional() @IsDateOnly() to?: string;
}

/** A period whose start is after its end is refused (400 naming `from`), rather than answered with nothing. */
export function assertReportPeriod(period: { from?: string; to?: string }): void {
  if (period.from && period.to && period.from > period.to) {
    throw new ValidationFailed([{ field: 'from', messages: ['from must not be after to'] }]);
  }
}
