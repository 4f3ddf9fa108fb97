import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsVersion, PageQuery, ReportQuery } from '@carepath/common';
import { DUE_REASONS, MDT_DECISIONS, MdtDecisionKind, MEETING_STATUSES } from '../mdt.rules';

export class FlagRequest {
  @ApiProperty({ example: 'Low mood worsening; wants to stop the programme' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class FlagResponse {
  @ApiProperty() id: string;
  @ApiProperty() pathwayId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['open', 'withdrawn', 'discussed'] }) status: string;
  @ApiProperty({ format: 'date' }) flaggedOn: string;
  @ApiProperty({ nullable: true, type: String }) closedReason: string | null;
  @ApiProperty() version: number;
}

export class DueQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Cases due by this day (default: today in Europe/London)' })
  @IsOptional()
  @IsDateOnly()
  by?: string;
}

export class MdtPatient {
  @ApiProperty() id: string;
  @ApiProperty() nhsNumber: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
  @ApiProperty() communicationFormat: string;
  @ApiProperty({ type: [String] }) communicationSupport: string[];
}

export class MdtClinician {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class ScoreAgainstBaseline {
  @ApiProperty({ enum: ['PHQ9', 'GAD7', 'PSEQ', 'NRS'] }) measure: string;
  @ApiProperty({ nullable: true, type: Number }) baseline: number | null;
  @ApiProperty({ nullable: true, type: Number }) latest: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) latestOn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'latest - baseline' }) change: number | null;
}

export class SessionCountersResponse {
  @ApiProperty() planned: number;
  @ApiProperty() booked: number;
  @ApiProperty() attended: number;
  @ApiProperty() dna: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() remaining: number;
}

export class MdtOpenTask {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ enum: ['routine', 'urgent'] }) priority: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
}

/** What the MDT sees of a pathway on the due list or a case list. */
export class CaseProgress {
  @ApiProperty() pathwayId: string;
  @ApiProperty() referralId: string;
  @ApiProperty({ type: MdtPatient }) patient: MdtPatient;
  @ApiProperty({ type: [MdtClinician] }) leadClinicians: MdtClinician[];
  @ApiProperty({ type: [ScoreAgainstBaseline] }) scores: ScoreAgainstBaseline[];
  @ApiProperty({ type: SessionCountersResponse }) sessions: SessionCountersResponse;
  @ApiProperty({ type: [MdtOpenTask] }) openTasks: MdtOpenTask[];
}

export class DueCaseResponse extends CaseProgress {
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: DUE_REASONS, isArray: true }) reasons: string[];
  @ApiProperty({ description: 'A PHQ-9 item 9 task or a flag: listed first' }) urgent: boolean;
}

export class DuePage {
  @ApiProperty({ format: 'date' }) by: string;
  @ApiProperty({ type: [DueCaseResponse] }) items: DueCaseResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateMeetingRequest {
  @ApiProperty({ format: 'date' }) @IsDateOnly() date: string;
  @ApiProperty({ example: 'Seacroft Hospital, room 4' }) @IsString() @MinLength(1) @MaxLength(200) site: string;
  @ApiProperty({ type: [String], description: 'Active clinicians of the service' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendeeIds: string[];
}

export class MeetingVersionRequest {
  @ApiProperty() @IsVersion() version: number;
}

export class AddCaseRequest {
  @ApiProperty() @IsUUID() pathwayId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class RemoveCaseRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  @ApiProperty({ description: "The case's version as listed" }) @IsVersion() version: number;
}

export class ActionRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) description: string;
  @ApiProperty({ description: 'An active clinician of the service' }) @IsUUID() ownerId: string;
  @ApiProperty({ format: 'date' }) @IsDateOnly() dueOn: string;
}

export class DecisionRequest {
  @ApiProperty({ description: 'The discussion; clinicians only ever read it' }) @IsString() @MinLength(1) @MaxLength(10000) summary: string;
  @ApiProperty({ enum: MDT_DECISIONS }) @IsIn(MDT_DECISIONS) decision: MdtDecisionKind;
  @ApiPropertyOptional({ description: 'Required for refer-on: where to' })
  @ValidateIf((d: DecisionRequest) => d.decision === 'refer-on' || d.destination !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  destination?: string;
  @ApiProperty({ type: [ActionRequest] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ActionRequest)
  actions: ActionRequest[];
  @ApiProperty({ description: "The case's version as listed on the meeting" }) @IsVersion() version: number;
  @ApiPropertyOptional({ description: "Amends the case's current decision; required to change a recorded decision" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  amendmentReason?: string;
}

export class ActionResponse {
  @ApiProperty() description: string;
  @ApiProperty() ownerId: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ description: 'The clinical task the action became' }) taskId: string;
}

export class DecisionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MDT_DECISIONS }) decision: string;
  @ApiProperty({ nullable: true, type: String }) destination: string | null;
  @ApiPropertyOptional({ description: 'Clinicians only; omitted for admins' }) summary?: string;
  @ApiProperty({ type: [ActionResponse] }) actions: ActionResponse[];
  @ApiProperty({ nullable: true, type: String }) amendsDecisionId: string | null;
  @ApiProperty({ nullable: true, type: String }) amendmentReason: string | null;
  @ApiProperty() recordedByUserId: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ format: 'date', description: 'The next review, 12 weeks after the meeting' }) nextReviewOn: string;
}

export class CaseResponse extends CaseProgress {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['generated', 'added'] }) origin: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dueOn: string | null;
  @ApiProperty({ enum: DUE_REASONS, isArray: true }) reasons: string[];
  @ApiProperty() urgent: boolean;
  @ApiProperty({ nullable: true, type: String }) addedReason: string | null;
  @ApiProperty({ nullable: true, type: String }) removedReason: string | null;
  @ApiProperty({ description: 'Send it back with a decision or a removal' }) version: number;
  @ApiProperty({ type: [DecisionResponse], description: 'Every decision and amendment, oldest first; the last is current' })
  decisions: DecisionResponse[];
}

export class MeetingSummary {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() site: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status: string;
  @ApiProperty({ type: [MdtClinician] }) attendees: MdtClinician[];
  @ApiProperty({ description: 'Cases on the list (not removed)' }) caseCount: number;
  @ApiProperty() version: number;
}

export class MeetingResponse extends MeetingSummary {
  @ApiProperty({ type: [CaseResponse], description: 'Urgent first, then the most overdue; removed cases last' }) cases: CaseResponse[];
}

export class MeetingPage {
  @ApiProperty({ type: [MeetingSummary] }) items: MeetingSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class MdtReportQuery extends ReportQuery {
  @ApiPropertyOptional({ format: 'date', description: 'From this date (inclusive)' }) @IsOptional() @IsDateOnly() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Up to this date (inclusive)' }) @IsOptional() @IsDateOnly() to?: string;
}

export class MdtDecisionCounts {
  @ApiProperty() continue: number;
  @ApiProperty({ name: 'change-pathway' }) 'change-pathway': number;
  @ApiProperty() discharge: number;
  @ApiProperty({ name: 'refer-on' }) 'refer-on': number;
  @ApiProperty({ name: 'handoff-to-community' }) 'handoff-to-community': number;
}

export class MdtReportMonth {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty() casesDiscussed: number;
  @ApiProperty({ type: MdtDecisionCounts }) decisions: MdtDecisionCounts;
  @ApiProperty({ description: 'Actions due this month completed by their due day' }) actionsCompletedOnTime: number;
  @ApiProperty({ description: 'Actions due this month completed after their due day' }) actionsCompletedLate: number;
  @ApiProperty({ description: "Active pathways overdue for review at the month's end (or today, for the current month)" })
  overdueAtMonthEnd: number;
}

export class MdtReport {
  @ApiProperty({ format: 'date' }) generatedOn: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [MdtReportMonth] }) rows: MdtReportMonth[];
}
