import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsUkPostcode, IsVersion, PageQuery } from '@carepath/common';
import { COMMUNICATION_FORMATS, COMMUNICATION_SUPPORT, CommunicationFormat, CommunicationSupport } from '../patient.entity';

const NAME = /^[\p{L}\p{M}' .-]+$/u;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const PHONE_MESSAGE = { message: '$property must be 6 to 20 digits, spaces, brackets or hyphens, optionally after a +' };
const NAME_MESSAGE = { message: '$property must contain only letters, spaces, hyphens, full stops and apostrophes' };

export class CommunicationNeedsDto {
  @ApiPropertyOptional({ enum: COMMUNICATION_FORMATS, description: 'Preferred format for information (Accessible Information Standard)' })
  @IsOptional()
  @IsIn(COMMUNICATION_FORMATS)
  format?: CommunicationFormat;

  @ApiPropertyOptional({ enum: COMMUNICATION_SUPPORT, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(COMMUNICATION_SUPPORT.length)
  @ArrayUnique()
  @IsIn(COMMUNICATION_SUPPORT, { each: true })
  support?: CommunicationSupport[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Spoken-language interpreter needed, and the language',
    example: 'Polish',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(NAME, NAME_MESSAGE)
  interpreterLanguage?: string | null;
}

export class CreatePatientRequest {
  @ApiProperty({ example: '943 476 5919', description: '10 digits; spaces or hyphens allowed' })
  @IsString()
  @Matches(/^[0-9][0-9 -]{8,12}[0-9]$/, { message: 'nhsNumber must be 10 digits, optionally grouped with spaces or hyphens' })
  nhsNumber: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) @Matches(NAME, NAME_MESSAGE) givenName: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) @Matches(NAME, NAME_MESSAGE) familyName: string;

  @ApiProperty({ format: 'date', example: '1961-04-12' }) @IsDateOnly() dateOfBirth: string;

  @ApiProperty({ example: 'LS1 4AP' }) @IsUkPostcode() postcode: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(PHONE, PHONE_MESSAGE) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;

  @ApiProperty({ description: 'The GP practice the patient is registered with' }) @IsUUID() gpPracticeId: string;

  @ApiPropertyOptional({ type: CommunicationNeedsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommunicationNeedsDto)
  communicationNeeds?: CommunicationNeedsDto;
}

export class UpdatePatientRequest {
  @ApiProperty({ description: 'The version you last saw' }) @IsVersion() version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) @Matches(NAME, NAME_MESSAGE) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) @Matches(NAME, NAME_MESSAGE) familyName?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateOnly() dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsUkPostcode() postcode?: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(PHONE, PHONE_MESSAGE)
  phone?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() gpPracticeId?: string;
  @ApiPropertyOptional({ type: CommunicationNeedsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommunicationNeedsDto)
  communicationNeeds?: CommunicationNeedsDto;
}

export class ListPatientsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Exact NHS number (spaces allowed)' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9][0-9 -]{8,12}[0-9]$/)
  nhsNumber?: string;

  @ApiPropertyOptional({ description: 'Start of the family or given name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NAME, NAME_MESSAGE)
  name?: string;
}

export class CommunicationNeedsResponse {
  @ApiProperty({ enum: COMMUNICATION_FORMATS }) format: CommunicationFormat;
  @ApiProperty({ enum: COMMUNICATION_SUPPORT, isArray: true }) support: CommunicationSupport[];
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
}

export class PatientFlags {
  @ApiProperty({ description: 'A spoken-language interpreter is needed' }) interpreterNeeded: boolean;
  @ApiProperty({ description: 'A non-standard format or communication support is recorded' }) accessibilityNeeds: boolean;
}

export class PatientResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '9434765919' }) nhsNumber: string;
  @ApiProperty({ example: '943 476 5919' }) nhsNumberFormatted: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty() postcode: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() gpPracticeId: string;
  @ApiProperty() serviceId: string;
  @ApiProperty({ type: CommunicationNeedsResponse }) communicationNeeds: CommunicationNeedsResponse;
  @ApiProperty({ type: PatientFlags }) flags: PatientFlags;
  @ApiProperty() version: number;
}

export class PatientPage {
  @ApiProperty({ type: [PatientResponse] }) items: PatientResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateConsentRequest {
  @ApiProperty({ description: 'The VCS organisation the patient agrees we may share with' }) @IsUUID() organisationId: string;
  @ApiProperty({ example: 'Community handoff to walking group' }) @IsString() @MinLength(1) @MaxLength(500) purpose: string;
}

export class WithdrawConsentRequest {
  @ApiProperty({ description: 'The version you last saw' }) @IsVersion() version: number;
}

export class ConsentResponse {
  @ApiProperty() id: string;
  @ApiProperty() patientId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty() givenByUserId: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnByUserId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
}

export class ConsentList {
  @ApiProperty({ type: [ConsentResponse] }) items: ConsentResponse[];
}
