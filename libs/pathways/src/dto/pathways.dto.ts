import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Allow,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsInstant, IsVersion, ReportQuery } from '@carepath/common';
import { THERAPY_MODALITIES, TherapyModality } from '@carepath/referrals';
import { MEASURES, Measure, TIMEPOINTS, Timepoint } from '../outcome-measures.rules';
import { ACTIVITY_STATUSES, ActivityStatus, PATHWAY_STATUSES, PathwayStatus, SESSION_OUTCOMES, SessionOutcome } from '../pathway.rules';

export class NewActivityDto {
  @ApiProperty({ enum: THERAPY_MODALITIES }) @IsIn(THERAPY_MODALITIES) modality: TherapyModality;
  @ApiProperty({ minimum: 1, maximum: 100, example: 8 }) @IsInt() @Min(1) @Max(100) plannedSessions: number;
  @ApiProperty({ description: 'A clinician of the same service' }) @IsUUID() leadClinicianId: string;
}

export class CreatePathwayRequest {
  @ApiProperty({ type: [String], description: "The patient's goals, in their own words", example: ['Walk to the shops without stopping'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  goals: string[];

  @ApiProperty({ type: [NewActivityDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NewActivityDto)
  activities: NewActivityDto[];

  @ApiPropertyOptional({ enum: ['draft', 'active'], default: 'active', description: 'Agreed with the patient (active) or still a draft' })
  @IsOptional()
  @IsIn(['draft', 'active'])
  status?: 'draft' | 'active';
}

export class PathwayStatusRequest {
  @ApiProperty({ enum: PATHWAY_STATUSES }) @IsIn(PATHWAY_STATUSES) status: PathwayStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) reason?: string;
  @ApiProperty() @IsVersion() version: number;
}

export class AddActivityRequest extends NewActivityDto {
  @ApiProperty({ description: 'Why the activity is added' }) @IsString() @MinLength(1) @MaxLength(1000) reason: string;
  @ApiProperty({ description: "The pathway's version you last saw" }) @IsVersion() version: number;
}

export class UpdateActivityRequest {
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES }) @IsOptional() @IsIn(ACTIVITY_STATUSES) status?: ActivityStatus;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @IsOptional() @IsInt() @Min(1) @Max(100) plannedSessions?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() leadClinicianId?: string;
  @ApiProperty({ description: 'Why it changes (kept in the pathway history)' }) @IsString() @MinLength(1) @MaxLength(1000) reason: string;
  @ApiProperty() @IsVersion() version: number;
}

export class BookSessionRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() startsAt: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) location?: string;
}

export class SessionAttendanceRequest {
  @ApiProperty({ enum: SESSION_OUTCOMES }) @IsIn(SESSION_OUTCOMES) outcome: SessionOutcome;
  @ApiPropertyOptional({ description: 'A short clinical note' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiProperty() @IsVersion() version: number;
}

export class RecordOutcomeRequest {
  @ApiProperty({ enum: MEASURES }) @IsIn(MEASURES) measure: Measure;
  @ApiProperty({ enum: TIMEPOINTS }) @IsIn(TIMEPOINTS) timepoint: Timepoint;
  @ApiProperty({
    description:
      'PHQ9: 9 integers 0-3; GAD7: 7 integers 0-3; PSEQ: 10 integers 0-6; NRS: 1 integer 0-10; EQ5D5L: { mobility, selfCare, usualActivities, painDiscomfort, anxietyDepression } each 1-5 and vas 0-100',
    oneOf: [{ type: 'array', items: { type: 'integer' } }, { type: 'object' }],
  })
  @Allow()
  answers: unknown;
}

export class ReportPeriodQuery extends ReportQuery {
  @ApiPropertyOptional({ format: 'date', description: 'From this date (inclusive)' }) @IsOptional() @IsDateOnly() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Up to this date (inclusive)' }) @IsOptional() @IsDateOnly() to?: string;
}

export class CommunicationNeeds {
  @ApiProperty() interpreterNeeded: boolean;
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
  @ApiProperty() format: string;
  @ApiProperty({ type: [String] }) support: string[];
}

/** A clinician who may lead an activity. */
export class ClinicianChoice {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) discipline: string | null;
}

export class SessionResponse {
  @ApiProperty() id: string;
  @ApiProperty() activityId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ enum: ['booked', ...SESSION_OUTCOMES] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Clinicians only' }) note?: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: CommunicationNeeds, description: "The patient's needs, shown on every booking" })
  communicationNeeds: CommunicationNeeds;
}

export class CountersResponse {
  @ApiProperty() planned: number;
  @ApiProperty() booked: number;
  @ApiProperty() attended: number;
  @ApiProperty() dna: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() remaining: number;
}

export class ActivityResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: THERAPY_MODALITIES }) modality: string;
  @ApiProperty() plannedSessions: number;
  @ApiProperty() leadClinicianId: string;
  @ApiProperty({ nullable: true, type: String }) leadClinicianName: string | null;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) status: ActivityStatus;
  @ApiProperty() version: number;
  @ApiProperty({ type: CountersResponse }) counters: CountersResponse;
  @ApiProperty({ type: [SessionResponse] }) sessions: SessionResponse[];
}

export class PathwayChangeResponse {
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String }) activityId: string | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() actorUserId: string;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class PathwayResponse {
  @ApiProperty() id: string;
  @ApiProperty() referralId: string;
  @ApiProperty() patientId: string;
  @ApiProperty({ type: [String] }) goals: string[];
  @ApiProperty({ enum: PATHWAY_STATUSES }) status: PathwayStatus;
  @ApiProperty() version: number;
  @ApiProperty({ type: CommunicationNeeds }) communicationNeeds: CommunicationNeeds;
  @ApiProperty({ type: [ActivityResponse] }) activities: ActivityResponse[];
  @ApiProperty({ type: [PathwayChangeResponse] }) history: PathwayChangeResponse[];
}

export class OutcomeResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MEASURES }) measure: Measure;
  @ApiProperty({ enum: TIMEPOINTS }) timepoint: Timepoint;
  @ApiProperty({ oneOf: [{ type: 'array', items: { type: 'integer' } }, { type: 'object' }] }) answers: unknown;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty({ nullable: true, type: String }) band: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'EQ-5D-5L profile, e.g. 21342' }) profile: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'EQ-5D-5L VAS' }) vas: number | null;
  @ApiProperty({ description: 'PHQ-9 item 9 above 0: an urgent task was raised' }) urgent: boolean;
  @ApiProperty() recordedByUserId: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class OutcomeList {
  @ApiProperty({ type: [OutcomeResponse] }) items: OutcomeResponse[];
}

export class OutcomeReportRow {
  @ApiProperty() modality: string;
  @ApiProperty({ enum: MEASURES }) measure: string;
  @ApiProperty({ description: 'Patients with both a baseline and a discharge score' }) patients: number;
  @ApiProperty({ nullable: true, type: Number }) meanBaseline: number | null;
  @ApiProperty({ nullable: true, type: Number }) meanDischarge: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Discharge minus baseline (EQ-5D-5L: VAS)' }) meanChange: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Share with meaningful change (PSEQ +7; NRS −2 or −30%); null where none is defined',
  })
  meaningfulChangeShare: number | null;
}

export class OutcomeReport {
  @ApiProperty({ format: 'date' }) generatedOn: string;
  @ApiProperty({ type: [OutcomeReportRow] }) rows: OutcomeReportRow[];
}

export class DnaReportRow {
  @ApiProperty({ enum: ['modality', 'clinician'] }) by: string;
  @ApiProperty() key: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() attended: number;
  @ApiProperty() dna: number;
  @ApiProperty({ nullable: true, type: Number, description: 'DNA / (attended + DNA)' }) dnaRate: number | null;
}

export class DnaReport {
  @ApiProperty({ format: 'date' }) generatedOn: string;
  @ApiProperty({ type: [DnaReportRow] }) rows: DnaReportRow[];
}
