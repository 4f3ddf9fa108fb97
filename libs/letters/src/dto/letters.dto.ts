import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsDateOnly, IsVersion, PageQuery, ReportQuery } from '@carepath/common';
import { LETTER_KINDS, LETTER_STATUSES, LetterKind, LetterStatus, NARRATIVE_LIMITS } from '../letter.rules';

export class CreateLetterRequest {
  @ApiProperty({ enum: LETTER_KINDS }) @IsIn(LETTER_KINDS) kind: LetterKind;
  @ApiProperty() @IsUUID() referralId: string;
}

/** The headings a clinician writes; each has a length limit. */
export class LetterNarrative {
  @ApiPropertyOptional({ maxLength: NARRATIVE_LIMITS.attendanceDetails })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_LIMITS.attendanceDetails)
  attendanceDetails?: string;
  @ApiPropertyOptional({ maxLength: NARRATIVE_LIMITS.clinicalSummary })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_LIMITS.clinicalSummary)
  clinicalSummary?: string;
  @ApiPropertyOptional({ maxLength: NARRATIVE_LIMITS.diagnoses })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_LIMITS.diagnoses)
  diagnoses?: string;
  @ApiPropertyOptional({ maxLength: NARRATIVE_LIMITS.actionsForGp })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_LIMITS.actionsForGp)
  actionsForGp?: string;
  @ApiPropertyOptional({ maxLength: NARRATIVE_LIMITS.actionsForPatient })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_LIMITS.actionsForPatient)
  actionsForPatient?: string;
  @ApiPropertyOptional({ maxLength: NARRATIVE_LIMITS.informationGiven })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_LIMITS.informationGiven)
  informationGiven?: string;
}

export class UpdateLetterRequest {
  @ApiProperty({ type: LetterNarrative }) @ValidateNested() @Type(() => LetterNarrative) content: LetterNarrative;
  @ApiProperty() @IsVersion() version: number;
}

export class LetterVersionRequest {
  @ApiProperty() @IsVersion() version: number;
}

export class WithdrawLetterRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) reason: string;
  @ApiProperty() @IsVersion() version: number;
}

export class ListLettersQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() referralId?: string;
  @ApiPropertyOptional({ enum: LETTER_STATUSES }) @IsOptional() @IsIn(LETTER_STATUSES) status?: LetterStatus;
  @ApiPropertyOptional({ enum: LETTER_KINDS }) @IsOptional() @IsIn(LETTER_KINDS) kind?: LetterKind;
}

export class LettersDueQuery {
  @ApiProperty() @IsUUID() referralId: string;
}

export class LetterheadRequest {
  @ApiProperty({ type: [String], example: ['1 Park Square', 'Leeds', 'LS1 2AB'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  address: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) telephone?: string;
}

export class PatientDetailsDto {
  @ApiProperty() name: string;
  @ApiProperty({ example: '999 000 1234', description: 'Grouped 3 3 4' }) nhsNumber: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty() postcode: string;
}

export class GpPracticeDto {
  @ApiProperty() name: string;
  @ApiProperty() odsCode: string;
}

export class CommunicationNeedsDto {
  @ApiProperty({ description: 'Accessible Information Standard format' }) format: string;
  @ApiProperty({ type: [String] }) support: string[];
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
  @ApiProperty({ description: 'Always stated, "none" included' }) statement: string;
}

export class PersonCompletingDto {
  @ApiProperty() name: string;
  @ApiProperty() discipline: string;
}

/** The PRSB outpatient letter headings, one field each. */
export class LetterContentDto {
  @ApiProperty({ type: PatientDetailsDto }) patientDetails: PatientDetailsDto;
  @ApiProperty({ type: GpPracticeDto }) gpPractice: GpPracticeDto;
  @ApiProperty({ type: CommunicationNeedsDto }) communicationNeeds: CommunicationNeedsDto;
  @ApiProperty() attendanceDetails: string;
  @ApiProperty() clinicalSummary: string;
  @ApiProperty() diagnoses: string;
  @ApiProperty() actionsForGp: string;
  @ApiProperty() actionsForPatient: string;
  @ApiProperty() informationGiven: string;
  @ApiProperty({ type: PersonCompletingDto, nullable: true }) personCompletingRecord: PersonCompletingDto | null;
  @ApiProperty({ type: [String] }) distributionList: string[];
}

export class LetterStatusChangeResponse {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'None when the system made the step' }) actorUserId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class LetterDeliveryResponse {
  @ApiProperty({ enum: ['gp-inbox', 'mesh-file'] }) transport: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ format: 'date-time' }) deliveredAt: string;
}

export class LetterSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: LETTER_KINDS }) kind: LetterKind;
  @ApiProperty({ enum: LETTER_STATUSES }) status: LetterStatus;
  @ApiProperty() referralId: string;
  @ApiProperty() patientId: string;
  @ApiProperty() practiceId: string;
  @ApiProperty({ type: PatientDetailsDto }) patient: PatientDetailsDto;
  @ApiProperty({ nullable: true, type: String }) approvedByUserId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the approved PDF' }) sha256: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LetterResponse extends LetterSummaryResponse {
  @ApiProperty({ type: LetterContentDto }) content: LetterContentDto;
  @ApiProperty({ type: [LetterStatusChangeResponse] }) history: LetterStatusChangeResponse[];
  @ApiProperty({ type: [LetterDeliveryResponse] }) deliveries: LetterDeliveryResponse[];
  @ApiProperty({ description: 'Whether a large-print copy for the patient was rendered' }) largePrintCopy: boolean;
}

export class LetterPage {
  @ApiProperty({ type: [LetterSummaryResponse] }) items: LetterSummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class LetterDueResponse {
  @ApiProperty({ enum: ['assessment-attended', 'mdt-decision'] }) reason: string;
  @ApiProperty({ format: 'date', description: 'The date of the assessment or decision' }) on: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty() daysOverdue: number;
}

export class LettersDueResponse {
  @ApiProperty() referralId: string;
  @ApiProperty({ type: [LetterDueResponse] }) lettersDue: LetterDueResponse[];
}

/** A letter overdue now: its trigger (an attended assessment or an MDT decision) and how late it is. */
export class LetterOverdueResponse {
  @ApiProperty() referralId: string;
  @ApiProperty() patientId: string;
  @ApiProperty({ type: PatientDetailsDto }) patient: PatientDetailsDto;
  @ApiProperty({ enum: ['assessment-attended', 'mdt-decision'] }) reason: string;
  @ApiProperty({ format: 'date', description: 'The date of the assessment or decision' }) on: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() daysOverdue: number;
}

export class LetterheadResponse {
  @ApiProperty() serviceId: string;
  @ApiProperty({ type: [String] }) address: string[];
  @ApiProperty({ nullable: true, type: String }) telephone: string | null;
}

export class LetterReportQuery extends ReportQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Letters drafted from this date (inclusive)' })
  @IsOptional()
  @IsDateOnly()
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Letters drafted up to this date (inclusive)' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class LetterReportRow {
  @ApiProperty({ enum: LETTER_KINDS }) kind: LetterKind;
  @ApiProperty({ description: 'Letters in each state', example: { draft: 1, delivered: 3 } }) counts: Record<LetterStatus, number>;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from the event to approval' }) eventToApprovalMedian:
    number | null;
  @ApiProperty({ nullable: true, type: Number }) eventToApprovalP90: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from approval to delivery' }) approvalToDeliveryMedian:
    number | null;
  @ApiProperty({ nullable: true, type: Number }) approvalToDeliveryP90: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from delivery to acknowledgement' })
  deliveryToAcknowledgementMedian: number | null;
  @ApiProperty({ nullable: true, type: Number }) deliveryToAcknowledgementP90: number | null;
}

export class LetterReport {
  @ApiProperty({ format: 'date' }) generatedOn: string;
  @ApiProperty({ type: [LetterReportRow] }) rows: LetterReportRow[];
  @ApiProperty({ description: 'Letters due now past their 10 days (attended assessments and MDT decisions with no letter approved since)' })
  overdueNow: number;
}
