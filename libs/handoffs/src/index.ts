export * from './handoff.rules';
export * from './handoffs.events';
export * from './handoffs.service';
export * from './handoffs.module';
export * from './dto/handoffs.dto';
export * from './handoffs.errors';
export * from './handoff-reports.service';
export { handoffReportCsv } from './handoff-reports.controller';
