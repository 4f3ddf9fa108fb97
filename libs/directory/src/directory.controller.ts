import { Body, Controller, Get, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, UuidParam } from '@carepath/common';
import { Idempotent } from '@carepath/database';
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
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields or query (e.g. a malformed postcode, or a radius outside 0-200 km)')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @ApiOperation({ summary: 'Search the directory of community services' })
  @Authenticated({ action: 'read', subject: 'DirectoryService' })
  @ApiOkResponse({
    type: DirectoryServicePage,
    description: 'With a postcode: within radiusKm (default 10), nearest first, each with distanceKm',
  })
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The postcode district is not in the gazetteer')
  search(@Query() query: SearchDirectoryQuery): Promise<DirectoryServicePage> {
    return this.directory.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One directory service' })
  @Authenticated({ action: 'read', subject: 'DirectoryService' })
  @ApiOkResponse({ type: DirectoryServiceResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such directory service')
  get(@UuidParam() id: string): Promise<DirectoryServiceResponse> {
    return this.directory.get(id);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: "Add a service to your organisation's directory entries" })
  @Authenticated({ action: 'create', subject: 'DirectoryService' })
  @ApiCreatedResponse({ type: DirectoryServiceResponse })
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'Unknown postcode district, or organisationId is not a VCS organisation')
  create(@CurrentActor() actor: Actor, @Body() body: CreateDirectoryServiceRequest): Promise<DirectoryServiceResponse> {
    return this.directory.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a directory service' })
  @Authenticated({ action: 'update', subject: 'DirectoryService' })
  @ApiOkResponse({ type: DirectoryServiceResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such directory service, or not one you may edit')
  @ApiError(HttpStatus.CONFLICT, 'Stale version')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'Unknown postcode district')
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: UpdateDirectoryServiceRequest,
  ): Promise<DirectoryServiceResponse> {
    return this.directory.update(actor, id, body);
  }
}
