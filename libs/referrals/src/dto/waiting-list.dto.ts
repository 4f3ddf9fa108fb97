import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsVersion, PageQuery } from '@carepath/common';
import { Priority, PRIORITIES, WAITING_LISTS, WaitingListName } from '../referral.rules';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class WaitingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WAITING_LISTS, default: 'assessment' }) @IsOptional() @IsIn(WAITING_LISTS) modality?: WaitingListName;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ description: 'Referring GP practice' }) @IsOptional() @IsUUID() practiceId?: string;
  @ApiPropertyOptional({ description: 'true: only waits over 18 weeks; false: only within' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  breached?: boolean;
}

export class WaitingListFlags {
  @ApiProperty() interpreterNeeded: boolean;
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
  @ApiProperty() accessibilityNeeds: boolean;
  @ApiProperty() patientInitiatedDelay: boolean;
  @ApiProperty({ description: 'A communicated first appointment was missed: the clock restarts when rebooked' }) awaitingRebooking: boolean;
  @ApiProperty() redFlagPositive: boolean;
}

export class WaitingListEntry {
  @ApiProperty() referralId: string;
  @ApiProperty() patientId: string;
  @ApiProperty() patientName: string;
  @ApiProperty({ example: '943 476 5919' }) nhsNumber: string;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty() practiceId: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) clockStartedOn: string | null;
  @ApiProperty() daysWaited: number;
  @ApiProperty({ nullable: true, type: String }) weekBand: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) breachOn: string | null;
  @ApiProperty() breached: boolean;
  @ApiProperty({ description: 'Place in this list (urgent first, then longest wait)' }) position: number;
  @ApiProperty({ nullable: true, type: Number, description: 'From position and weekly capacity; null when no capacity is set' })
  estimatedWeeksToTreatment: number | null;
  @ApiProperty({ type: WaitingListFlags }) flags: WaitingListFlags;
}

export class WaitingListPage {
  @ApiProperty({ enum: WAITING_LISTS }) modality: WaitingListName;
  @ApiProperty({ description: 'Slots per week for this list (0 when not set)' }) slotsPerWeek: number;
  @ApiProperty({ type: [WaitingListEntry] }) items: WaitingListEntry[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class UpdateCapacityRequest {
  @ApiProperty({ minimum: 0, maximum: 10000 }) @IsInt() @Min(0) @Max(10000) slotsPerWeek: number;
  @ApiPropertyOptional({ description: 'The version you last saw; omit when setting capacity for the first time' })
  @IsOptional()
  @IsVersion()
  version?: number;
}

export class CapacityResponse {
  @ApiProperty({ enum: WAITING_LISTS }) modality: WaitingListName;
  @ApiProperty() slotsPerWeek: number;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
  @ApiProperty({ description: 'Patients waiting on this list' }) waiting: number;
  @ApiProperty() urgent: number;
  @ApiProperty({ description: 'Waiting more than 18 weeks' }) breached: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Days the longest-waiting patient has waited (clock running); null when none' })
  longestWaitDays: number | null;
  @ApiProperty({ description: 'New patients added per week, averaged over the last 8 weeks' }) demandPerWeek: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Weeks to see everyone waiting now at current capacity' }) weeksToClear:
    number | null;
  @ApiProperty({ description: 'Weekly demand is more than weekly capacity: the list will grow' }) demandExceedsCapacity: boolean;
}

export class CapacitySummary {
  @ApiProperty({ type: [CapacityResponse] }) items: CapacityResponse[];
}

export class WaitingListReportRow {
  @ApiProperty({ description: 'A waiting list, "untriaged" (not yet triaged) or "all" (every incomplete pathway once)' }) modality: string;
  @ApiProperty() total: number;
  @ApiProperty() over18Weeks: number;
  @ApiProperty() over52Weeks: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Count per RTT week band, "0-1" … "104+"' })
  bands: Record<string, number>;
}

export class WaitingListReport {
  @ApiProperty({ format: 'date' }) generatedOn: string;
  @ApiProperty({ type: [WaitingListReportRow] }) rows: WaitingListReportRow[];
}
