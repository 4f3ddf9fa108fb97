import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { Discipline, Role } from '../roles';

export class LoginRequest {
  @ApiProperty({ example: 'clinician@demo.carepath.test' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshRequest {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class UserSummary {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['admin', 'clinician', 'social_prescriber', 'gp', 'service_manager'] }) role: Role;
  @ApiProperty() organisationId: string;
  @ApiProperty({ nullable: true, type: String }) discipline: Discipline | null;
}

export class TokenPair {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ type: UserSummary }) user: UserSummary;
}

export class MeResponse extends UserSummary {
  @ApiProperty({ enum: ['pain-service', 'gp-practice', 'vcs'] }) organisationType: string;
  @ApiProperty() organisationName: string;
}
