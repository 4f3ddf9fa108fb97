import { ApiProperty } from '@nestjs/swagger';

export class ReferralReportRow {
  @ApiProperty({ example: '2026-03', description: 'The month the referral was received' }) month: string;
  @ApiProperty() practiceId: string;
  @ApiProperty({ nullable: true, type: String }) practiceName: string | null;
  @ApiProperty({ description: 'Referrals received (entered-in-error ones are not counted)' }) received: number;
  @ApiProperty({ description: 'Latest triage outcome: accepted' }) accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty() redirected: number;
  @ApiProperty({ description: 'Waiting for the information asked of the referrer' }) infoRequested: number;
  @ApiProperty({ description: 'Not triaged yet' }) awaitingTriage: number;
}

export class ReferralReport {
  @ApiProperty({ format: 'date' }) generatedOn: string;
  @ApiProperty({ type: [ReferralReportRow], description: 'Per month (oldest first), then practice name' }) rows: ReferralReportRow[];
}
