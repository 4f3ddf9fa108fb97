import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsUkPostcode, IsVersion, PageQuery } from '@carepath/common';
import { CAPACITY_STATUSES, CapacityStatus, CATEGORIES, Category, DAYS, Day, MAX_RADIUS_KM } from '../directory.rules';

export class ScheduleDto {
  @ApiPropertyOptional({ description: 'iCalendar RRULE', example: 'FREQ=WEEKLY;BYDAY=TU' })
  @IsOptional()
  @IsString()
  @Matches(/^(FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY))(;[A-Z]+=[A-Z0-9,+-]+)*$/, {
    message: 'rrule must be an iCalendar RRULE such as FREQ=WEEKLY;BYDAY=TU',
  })
  @MaxLength(200)
  rrule?: string;
  @ApiPropertyOptional({ example: 'Tuesdays 10:00-11:00, term time' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  text?: string;
  @ApiPropertyOptional({ enum: DAYS, isArray: true, description: 'Defaults to the RRULE BYDAY days' })
  @IsOptional()
  @IsIn(DAYS, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(7)
  days?: Day[];
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateOnly() validFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateOnly() validTo?: string;
}

export class ContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^\+?[0-9 ()-]{6,20}$/) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(500) url?: string;
}

export class CreateDirectoryServiceRequest {
  @ApiPropertyOptional({ description: 'The VCS organisation running it (social prescribers: their own, taken from the token)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) description: string;
  @ApiProperty({ enum: CATEGORIES, isArray: true })
  @IsIn(CATEGORIES, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @ArrayMaxSize(9)
  categories: Category[];
  @ApiProperty({ example: 'Woodhouse Moor, Leeds' }) @IsString() @MinLength(1) @MaxLength(300) address: string;
  @ApiProperty({ example: 'LS6 2BQ' }) @IsUkPostcode() postcode: string;
  @ApiPropertyOptional({ type: ScheduleDto }) @IsOptional() @ValidateNested() @Type(() => ScheduleDto) schedule?: ScheduleDto;
  @ApiPropertyOptional({ example: 'Free' }) @IsOptional() @IsString() @MaxLength(200) cost?: string;
  @ApiPropertyOptional({ example: 'Step-free access; benches along the route' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  accessibility?: string;
  @ApiProperty({ enum: CAPACITY_STATUSES }) @IsIn(CAPACITY_STATUSES) capacityStatus: CapacityStatus;
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
}

export class UpdateDirectoryServiceRequest {
  @ApiProperty() @IsVersion() version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true })
  @IsOptional()
  @IsIn(CATEGORIES, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @ArrayMaxSize(9)
  categories?: Category[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsUkPostcode() postcode?: string;
  @ApiPropertyOptional({ type: ScheduleDto }) @IsOptional() @ValidateNested() @Type(() => ScheduleDto) schedule?: ScheduleDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cost?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) accessibility?: string;
  @ApiPropertyOptional({ enum: CAPACITY_STATUSES }) @IsOptional() @IsIn(CAPACITY_STATUSES) capacityStatus?: CapacityStatus;
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
}

export class SearchDirectoryQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Search around this postcode (results sorted by distance)' })
  @IsOptional()
  @IsUkPostcode()
  postcode?: string;
  @ApiPropertyOptional({ minimum: 0.1, maximum: MAX_RADIUS_KM, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(MAX_RADIUS_KM)
  radiusKm?: number;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ enum: DAYS }) @IsOptional() @IsIn(DAYS) day?: Day;
  @ApiPropertyOptional({ description: 'Words in the name or description' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class ScheduleResponse {
  @ApiProperty({ nullable: true, type: String }) rrule: string | null;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ enum: DAYS, isArray: true }) days: Day[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validFrom: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validTo: string | null;
}

export class ContactResponse {
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

export class DirectoryServiceResponse {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: CATEGORIES, isArray: true }) categories: Category[];
  @ApiProperty() address: string;
  @ApiProperty() postcode: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
  @ApiProperty({ description: 'Located by the postcode district centroid only' }) locationApproximate: boolean;
  @ApiProperty({ type: ScheduleResponse }) schedule: ScheduleResponse;
  @ApiProperty({ nullable: true, type: String }) cost: string | null;
  @ApiProperty({ nullable: true, type: String }) accessibility: string | null;
  @ApiProperty({ enum: CAPACITY_STATUSES }) capacityStatus: CapacityStatus;
  @ApiProperty({ type: ContactResponse }) contact: ContactResponse;
  @ApiProperty({ nullable: true, type: Number, description: 'From the searched postcode, when there was one' }) distanceKm: number | null;
  @ApiProperty() version: number;
}

export class DirectoryServicePage {
  @ApiProperty({ type: [DirectoryServiceResponse] }) items: DirectoryServiceResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'The searched postcode was located by its district centroid only' })
  originApproximate: boolean | null;
}
