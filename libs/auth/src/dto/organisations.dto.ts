import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@carepath/common';
import { OrganisationType } from '../roles';

const PARTNER_TYPES = ['gp-practice', 'vcs'] as const;

export class CreateOrganisationRequest {
  @ApiProperty({ enum: PARTNER_TYPES, description: 'Pain services are provisioned, not created through the API' })
  @IsIn(PARTNER_TYPES)
  type: 'gp-practice' | 'vcs';

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;

  @ApiPropertyOptional({ description: 'ODS code, required for GP practices (e.g. A81001)', example: 'A81001' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][0-9]{5}$/, { message: 'odsCode must be a GP practice ODS code: a letter and five digits' })
  odsCode?: string;
}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pain-service', 'gp-practice', 'vcs'] })
  @IsOptional()
  @IsIn(['pain-service', 'gp-practice', 'vcs'])
  type?: OrganisationType;
}

export class OrganisationResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['pain-service', 'gp-practice', 'vcs'] }) type: OrganisationType;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) odsCode: string | null;
}

export class OrganisationPage {
  @ApiProperty({ type: [OrganisationResponse] }) items: OrganisationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
