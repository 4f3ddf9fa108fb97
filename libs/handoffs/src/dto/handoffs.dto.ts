import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsVersion, PageQuery } from '@carepath/common';
import { HANDOFF_OUTCOMES, HANDOFF_STATUSES, HandoffOutcome, HandoffStatus } from '../handoff.rules';

export class CreateHandoffRequest {
  @ApiProperty() @IsUUID() patientId: string;
  @ApiProperty({ description: 'The directory service the patient is handed on to' }) @IsUUID() serviceId: string;
  @ApiProperty({ example: 'Finished physiotherapy; wants to keep walking with others' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
  @ApiProperty({ description: "The patient's active consent to share with the service's organisation" }) @IsUUID() consentId: string;
}

export class HandoffStatusRequest {
  @ApiProperty({ enum: HANDOFF_STATUSES }) @IsIn(HANDOFF_STATUSES) status: HandoffStatus;
  @ApiPropertyOptional({ description: 'Required to reject or cancel' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  @ApiPropertyOptional({ enum: HANDOFF_OUTCOMES, description: 'Required to complete' })
  @IsOptional()
  @IsIn(HANDOFF_OUTCOMES)
  outcome?: HandoffOutcome;
  @ApiProperty() @IsVersion() version: number;
}

export class ListHandoffsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: HANDOFF_STATUSES }) @IsOptional() @IsIn(HANDOFF_STATUSES) status?: HandoffStatus;
}

export class HandoffChangeResponse {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class HandoffServiceSummary {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
}

export class HandoffPatientMinimum {
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ description: 'Accessible Information Standard format' }) communicationFormat: string;
  @ApiProperty({ type: [String] }) communicationSupport: string[];
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
}

/** What both sides see of a handoff. */
export class HandoffBase {
  @ApiProperty() id: string;
  @ApiProperty({ enum: HANDOFF_STATUSES }) status: HandoffStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, enum: HANDOFF_OUTCOMES }) outcome: HandoffOutcome | null;
  @ApiProperty() reason: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: HandoffServiceSummary }) service: HandoffServiceSummary;
  @ApiProperty({ type: [HandoffChangeResponse] }) history: HandoffChangeResponse[];
}

/**
 * What a social prescriber sees: the minimum the handoff needs. Never the NHS
 * number, diagnoses, pathway details, notes or scores.
 */
export class HandoffForReceiver extends HandoffBase {
  @ApiProperty({ type: HandoffPatientMinimum }) patient: HandoffPatientMinimum;
}

/** What the requesting pain service sees. */
export class HandoffForRequester extends HandoffBase {
  @ApiProperty() patientId: string;
  @ApiProperty() consentId: string;
  @ApiProperty() consentActive: boolean;
  @ApiProperty() requestedByUserId: string;
}

export class HandoffPage {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: '#/components/schemas/HandoffForReceiver' }, { $ref: '#/components/schemas/HandoffForRequester' }] },
  })
  items: (HandoffForReceiver | HandoffForRequester)[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class HandoffReportRow {
  @ApiProperty({ description: 'The receiving community organisation' }) organisationId: string;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty({ description: 'Handoffs proposed in the period' }) proposed: number;
  @ApiProperty({ description: 'Still requested, accepted or in progress' }) open: number;
  @ApiProperty() rejected: number;
  @ApiProperty() cancelled: number;
  @ApiProperty({ description: 'Completed: the patient engaged' }) engaged: number;
  @ApiProperty({ description: 'Completed: the patient did not engage' }) didNotEngage: number;
  @ApiProperty({ nullable: true, type: Number, description: 'engaged / (engaged + did not engage); null when none completed' })
  engagedShare: number | null;
}

export class HandoffReport {
  @ApiProperty({ format: 'date' }) generatedOn: string;
  @ApiProperty({ type: [HandoffReportRow], description: 'Per organisation, by name' }) rows: HandoffReportRow[];
}
