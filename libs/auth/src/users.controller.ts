import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '@carepath/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor } from './actor';
import { Authenticated, CurrentActor } from './authenticated.decorator';
import { CreateUserRequest, ListUsersQuery, UpdateUserRequest, UserPage, UserResponse } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated({ action: 'read', subject: 'User' })
  @ApiOkResponse({ type: UserPage, description: 'Users you may see (an admin: their organisation)' })
  @ApiBadRequestResponse({ description: 'Bad query' })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(actor, query);
  }

  @Post()
  @Authenticated({ action: 'create', subject: 'User' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields' })
  @ApiConflictResponse({ description: 'Email already in use' })
  @ApiUnprocessableEntityResponse({ description: 'Role not allowed in your organisation, or clinician without discipline' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserRequest): Promise<UserResponse> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @Authenticated({ action: 'update', subject: 'User' })
  @ApiOkResponse({ type: UserResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields' })
  @ApiNotFoundResponse({ description: 'No such user in your organisation' })
  @ApiConflictResponse({ description: 'Stale version' })
  @ApiUnprocessableEntityResponse({ description: 'Rule broken (e.g. disabling yourself)' })
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateUserRequest): Promise<UserResponse> {
    return this.users.update(actor, id, body);
  }
}
