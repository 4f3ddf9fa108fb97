import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import {
  CreateDirectoryServiceRequest,
  DirectoryServicePage,
  DirectoryServiceResponse,
  SearchDirectoryQuery,
  UpdateDirectoryServiceRequest,
} from './dto/directory.dto';
import { DirectoryService } from './directory.service';

@ApiTags('directory')
@Controller('directory/services')
@ApiBadRequestResponse({ description: 'Invalid fields or query (e.g. a malformed postcode, or a radius outside 0-200 km)' })
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Authenticated({ action: 'read', subject: 'DirectoryService' })
  @ApiOkResponse({
    type: DirectoryServicePage,
    description: 'With a postcode: within radiusKm (default 10), nearest first, each with distanceKm',
  })
  @ApiUnprocessableEntityResponse({ description: 'The postcode district is not in the gazetteer' })
  search(@Query() query: SearchDirectoryQuery): Promise<DirectoryServicePage> {
    return this.directory.search(query);
  }

  @Get(':id')
  @Authenticated({ action: 'read', subject: 'DirectoryService' })
  @ApiOkResponse({ type: DirectoryServiceResponse })
  @ApiNotFoundResponse({ description: 'No such directory service' })
  get(@UuidParam() id: string): Promise<DirectoryServiceResponse> {
    return this.directory.get(id);
  }

  @Post()
  @Authenticated({ action: 'create', subject: 'DirectoryService' })
  @ApiCreatedResponse({ type: DirectoryServiceResponse })
  @ApiUnprocessableEntityResponse({ description: 'Unknown postcode district, or organisationId is not a VCS organisation' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDirectoryServiceRequest): Promise<DirectoryServiceResponse> {
    return this.directory.create(actor, body);
  }

  @Patch(':id')
  @Authenticated({ action: 'update', subject: 'DirectoryService' })
  @ApiOkResponse({ type: DirectoryServiceResponse })
  @ApiNotFoundResponse({ description: 'No such directory service, or not one you may edit' })
  @ApiConflictResponse({ description: 'Stale version' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown postcode district' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: UpdateDirectoryServiceRequest,
  ): Promise<DirectoryServiceResponse> {
    return this.directory.update(actor, id, body);
  }
}
