import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsVersion, PageQuery } from '@carepath/common';
import { Discipline, DISCIPLINES, Role, ROLES } from '../roles';
import { UserSummary } from './auth.dto';

export class CreateUserRequest {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ enum: DISCIPLINES, description: 'Required for clinicians' })
  @IsOptional()
  @IsIn(DISCIPLINES)
  discipline?: Discipline;
  @ApiProperty({ minLength: 12, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
}

export class UpdateUserRequest {
  @ApiProperty({ description: 'The version you last saw' }) @IsVersion() version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: DISCIPLINES }) @IsOptional() @IsIn(DISCIPLINES) discipline?: Discipline;
  @ApiPropertyOptional({ description: "true ends all of the user's sessions at once" })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQuery extends PageQuery {}

export class UserResponse extends UserSummary {
  @ApiProperty() disabled: boolean;
  @ApiProperty() version: number;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
