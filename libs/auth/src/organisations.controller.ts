import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Authenticated } from './authenticated.decorator';
import { CreateOrganisationRequest, ListOrganisationsQuery, OrganisationPage, OrganisationResponse } from './dto/organisations.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Authenticated({ action: 'read', subject: 'Organisation' })
  @ApiOkResponse({ type: OrganisationPage })
  @ApiBadRequestResponse({ description: 'Bad query' })
  list(@Query() query: ListOrganisationsQuery): Promise<OrganisationPage> {
    return this.organisations.list(query);
  }

  @Post()
  @Authenticated({ action: 'create', subject: 'Organisation' })
  @ApiCreatedResponse({ type: OrganisationResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields' })
  @ApiConflictResponse({ description: 'ODS code already registered' })
  @ApiUnprocessableEntityResponse({ description: 'GP practice without ODS code' })
  create(@Body() body: CreateOrganisationRequest): Promise<OrganisationResponse> {
    return this.organisations.create(body);
  }
}
