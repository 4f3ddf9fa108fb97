import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsInstant, IsVersion, PageQuery } from '@carepath/common';
import {
  ATTENDANCE_OUTCOMES,
  AttendanceOutcome,
  Priority,
  PRIORITIES,
  REFERRAL_STATUSES,
  ReferralStatus,
  THERAPY_MODALITIES,
  TherapyModality,
  TRIAGE_OUTCOMES,
  TriageOutcome,
} from '../referral.rules';
import { NON_TREATMENT_STOPS } from '../referral-clock.rules';

export class RedFlagsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() caudaEquinaSymptoms?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() unexplainedWeightLoss?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() feverOrInfection?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() historyOfCancer?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() significantTrauma?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() progressiveNeurologicalDeficit?: boolean;
}

export class CreateReferralRequest {
  @ApiProperty() @IsUUID() patientId: string;
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority: Priority;
  @ApiProperty({ description: 'Reason for referral and clinical details' }) @IsString() @MinLength(1) @MaxLength(4000) reason: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'Date the service received the referral; defaults to today. The clock starts on it.',
  })
  @IsOptional()
  @IsDateOnly()
  receivedOn?: string;
  @ApiPropertyOptional({ description: 'e.g. an e-RS UBRN; the same reference never creates a second referral', example: '000123456789' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9/_-]{1,64}$/)
  externalReference?: string;
  @ApiPropertyOptional({ type: RedFlagsDto, description: 'Red-flag screening answers' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RedFlagsDto)
  redFlags?: RedFlagsDto;
}

export class TriageRequest {
  @ApiProperty({ enum: TRIAGE_OUTCOMES }) @IsIn(TRIAGE_OUTCOMES) outcome: TriageOutcome;
  @ApiPropertyOptional({ enum: THERAPY_MODALITIES, isArray: true, description: 'Required to accept' })
  @IsOptional()
  @IsIn(THERAPY_MODALITIES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(THERAPY_MODALITIES.length)
  @ArrayUnique()
  modalities?: TherapyModality[];
  @ApiPropertyOptional({ description: 'Accept: whether an introductory session is needed' })
  @IsOptional()
  @IsBoolean()
  introSession?: boolean;
  @ApiPropertyOptional({ description: 'Required to reject or redirect' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
  @ApiPropertyOptional({ description: 'Required to redirect: where the referral goes instead' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  destination?: string;
  @ApiProperty() @IsVersion() version: number;
}

export class VersionedReasonRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  @ApiProperty() @IsVersion() version: number;
}

export class VersionRequest {
  @ApiProperty() @IsVersion() version: number;
}

export class DischargeRequest extends VersionedReasonRequest {
  @ApiPropertyOptional({
    enum: ['discharged-to-gp', 'patient-declined', 'decision-not-to-treat'],
    description: 'Why the clock stops, when it is still running (default discharged-to-gp)',
  })
  @IsOptional()
  @IsIn(NON_TREATMENT_STOPS.filter((s) => ['discharged-to-gp', 'patient-declined', 'decision-not-to-treat'].includes(s)))
  stopReason?: 'discharged-to-gp' | 'patient-declined' | 'decision-not-to-treat';
}

export class CreateDelayRequest {
  @ApiProperty({ format: 'date' }) @IsDateOnly() startsOn: string;
  @ApiPropertyOptional({ format: 'date', description: 'Open-ended when absent' }) @IsOptional() @IsDateOnly() endsOn?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) reason: string;
  @ApiPropertyOptional({ description: 'The patient declined a reasonable offer of an appointment' })
  @IsOptional()
  @IsBoolean()
  declinedOffer?: boolean;
}

export class BookAppointmentRequest {
  @ApiProperty({ enum: ['assessment', 'introductory'] }) @IsIn(['assessment', 'introductory']) kind: 'assessment' | 'introductory';
  @ApiProperty({ format: 'date-time' }) @IsInstant() startsAt: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) location?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the appointment was clearly communicated to the patient' })
  @IsOptional()
  @IsInstant()
  communicatedAt?: string;
}

export class AttendanceRequest {
  @ApiProperty({ enum: ATTENDANCE_OUTCOMES }) @IsIn(ATTENDANCE_OUTCOMES) outcome: AttendanceOutcome;
  @ApiPropertyOptional({ description: 'An attended assessment that was itself treatment (stops the clock)' })
  @IsOptional()
  @IsBoolean()
  isTreatment?: boolean;
  @ApiProperty() @IsVersion() version: number;
}

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional() @IsOptional() @IsUUID() practiceId?: string;
  @ApiPropertyOptional({ description: "One patient's referrals" }) @IsOptional() @IsUUID() patientId?: string;
}

export class ClockResponse {
  @ApiProperty({ enum: ['running', 'stopped', 'nullified', 'not-started'] }) state: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) startedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) stoppedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) stopReason: string | null;
  @ApiProperty() daysWaited: number;
  @ApiProperty({ nullable: true, type: String, example: '4-5' }) weekBand: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) breachOn: string | null;
  @ApiProperty() breached: boolean;
}

export class ClockPeriodResponse {
  @ApiProperty({ format: 'date' }) startedOn: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) stoppedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) stopReason: string | null;
  @ApiProperty() nullified: boolean;
}

export class AppointmentResponse {
  @ApiProperty() id: string;
  @ApiProperty() referralId: string;
  @ApiProperty({ enum: ['assessment', 'introductory'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) communicatedAt: string | null;
  @ApiProperty({ enum: ['booked', ...ATTENDANCE_OUTCOMES] }) outcome: string;
  @ApiProperty() isTreatment: boolean;
  @ApiProperty({ description: 'The patient needs a spoken-language interpreter' }) interpreterNeeded: boolean;
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
  @ApiProperty() version: number;
}

export class DelayResponse {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) endsOn: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() declinedOffer: boolean;
  @ApiProperty({ description: 'Over 6 weeks: a clinical review task is raised' }) needsReview: boolean;
}

export class StatusChangeResponse {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty() actorUserId: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class TaskSummary {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ enum: ['routine', 'urgent'] }) priority: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
}

export class ReferralResponse {
  @ApiProperty() id: string;
  @ApiProperty() patientId: string;
  @ApiProperty() serviceId: string;
  @ApiProperty() practiceId: string;
  @ApiProperty() referredByUserId: string;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty() reason: string;
  @ApiProperty({ type: RedFlagsDto }) redFlags: RedFlagsDto;
  @ApiProperty() redFlagPositive: boolean;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ nullable: true, type: String }) externalReference: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ enum: THERAPY_MODALITIES, isArray: true }) modalities: TherapyModality[];
  @ApiProperty() introSession: boolean;
  @ApiProperty({ nullable: true, type: String }) redirectDestination: string | null;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: ClockResponse }) clock: ClockResponse;
}

export class ReferralDetailResponse extends ReferralResponse {
  @ApiProperty({ type: [ClockPeriodResponse] }) clockHistory: ClockPeriodResponse[];
  @ApiProperty({ type: [AppointmentResponse] }) appointments: AppointmentResponse[];
  @ApiProperty({ type: [DelayResponse] }) delays: DelayResponse[];
  @ApiProperty({ type: [StatusChangeResponse] }) statusHistory: StatusChangeResponse[];
  @ApiProperty({ type: [TaskSummary] }) openTasks: TaskSummary[];
}

/** A referral awaiting triage, with who it is about, as the triage queue shows it. */
export class TriageQueueEntry extends ReferralResponse {
  @ApiProperty() patientName: string;
  @ApiProperty({ example: '9434765919' }) nhsNumber: string;
}

export class TriageQueue {
  @ApiProperty({ type: [TriageQueueEntry], description: 'Urgent first, then the longest waiting' }) items: TriageQueueEntry[];
  @ApiProperty({ description: 'How many referrals await triage (items shows the first 100)' }) total: number;
}

export class ReferralPage {
  @ApiProperty({ type: [ReferralResponse] }) items: ReferralResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'How many referrals match, within what you may see' }) total: number;
}
