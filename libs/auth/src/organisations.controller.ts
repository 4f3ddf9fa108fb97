import { Body, Controller, Get, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@carepath/common';
import { Idempotent } from '@carepath/database';
import { Authenticated } from './authenticated.decorator';
import { CreateOrganisationRequest, ListOrganisationsQuery, OrganisationPage, OrganisationResponse } from './dto/organisations.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'List organisations' })
  @Authenticated({ action: 'read', subject: 'Organisation' })
  @ApiOkResponse({ type: OrganisationPage })
  @ApiError(HttpStatus.BAD_REQUEST, 'Bad query')
  list(@Query() query: ListOrganisationsQuery): Promise<OrganisationPage> {
    return this.organisations.list(query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Register an organisation' })
  @Authenticated({ action: 'create', subject: 'Organisation' })
  @ApiCreatedResponse({ type: OrganisationResponse })
  @ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields')
  @ApiError(HttpStatus.CONFLICT, 'ODS code already registered')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'GP practice without ODS code')
  create(@Body() body: CreateOrganisationRequest): Promise<OrganisationResponse> {
    return this.organisations.create(body);
  }
}
