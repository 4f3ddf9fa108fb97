import { Body, Controller, Get, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiError, UuidParam } from '@carepath/common';
import { Idempotent } from '@carepath/database';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from './actor';
import { Authenticated, CurrentActor } from './authenticated.decorator';
import { CreateUserRequest, ListUsersQuery, UpdateUserRequest, UserPage, UserResponse } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List the users you may see' })
  @Authenticated({ action: 'read', subject: 'User' })
  @ApiOkResponse({ type: UserPage, description: 'Users you may see (an admin: their organisation)' })
  @ApiError(HttpStatus.BAD_REQUEST, 'Bad query')
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(actor, query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a user in your organisation' })
  @Authenticated({ action: 'create', subject: 'User' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields')
  @ApiError(HttpStatus.CONFLICT, 'Email already in use')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'Role not allowed in your organisation, or clinician without discipline')
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserRequest): Promise<UserResponse> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a user's name, role, discipline or disabled state" })
  @Authenticated({ action: 'update', subject: 'User' })
  @ApiOkResponse({ type: UserResponse })
  @ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields')
  @ApiError(HttpStatus.NOT_FOUND, 'No such user in your organisation')
  @ApiError(HttpStatus.CONFLICT, 'Stale version')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'Rule broken (e.g. disabling yourself)')
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateUserRequest): Promise<UserResponse> {
    return this.users.update(actor, id, body);
  }
}
