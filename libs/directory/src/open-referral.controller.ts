import { Controller, Get, Header, HttpStatus, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiError, IsUkPostcode, UuidParam } from '@carepath/common';
import { Public } from '@carepath/auth';
import { MAX_RADIUS_KM } from './directory.rules';
import { OpenReferralService, OrukPage, OrukService } from './open-referral.service';

export class OrukPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  per_page?: number;
}

export class OrukProximityQuery extends OrukPageQuery {
  @ApiPropertyOptional({ example: 'LS6 2BQ' }) @IsOptional() @IsUkPostcode() postcode?: string;
  @ApiPropertyOptional({ description: 'Metres from the postcode (default 10000)', maximum: MAX_RADIUS_KM * 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_RADIUS_KM * 1000)
  proximity?: number;
}

/** The directory as Open Referral UK: public, read-only, no patient data, open to other origins. */
@ApiTags('open referral (public)')
@Controller('openreferral')
@ApiError(HttpStatus.BAD_REQUEST, 'Bad query')
export class OpenReferralController {
  constructor(private readonly oruk: OpenReferralService) {}

  @Get('services')
  @ApiOperation({ summary: 'Open Referral UK: list services' })
  @Public()
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOkResponse({ description: 'ORUK page of services', type: OrukPage })
  services(@Query() query: OrukPageQuery): Promise<OrukPage> {
    return this.oruk.services(query.page ?? 1, query.per_page ?? 50);
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'Open Referral UK: one service' })
  @Public()
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOkResponse({ description: 'One ORUK service', type: OrukService })
  @ApiError(HttpStatus.NOT_FOUND, 'No such service')
  service(@UuidParam() id: string): Promise<OrukService> {
    return this.oruk.service(id);
  }

  @Get('service_at_locations')
  @ApiOperation({ summary: 'Open Referral UK: services at locations, nearest first' })
  @Public()
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOkResponse({ description: 'ORUK page of service-at-location records, nearest first when a postcode is given', type: OrukPage })
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The postcode district is not in the gazetteer')
  serviceAtLocations(@Query() query: OrukProximityQuery): Promise<OrukPage> {
    return this.oruk.serviceAtLocations(query.page ?? 1, query.per_page ?? 50, query.postcode, query.proximity);
  }
}
