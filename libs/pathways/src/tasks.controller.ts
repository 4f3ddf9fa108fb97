import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { CompleteTaskRequest, ReassignTaskRequest, TaskList, TaskResponse } from './dto/pathways.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('tasks')
@ApiBadRequestResponse({ description: 'Invalid fields' })
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Authenticated({ action: 'read', subject: 'Task' })
  @ApiOkResponse({ type: TaskList, description: "A clinician's open tasks (an admin: the unassigned ones), urgent first" })
  list(@CurrentActor() actor: Actor): Promise<TaskList> {
    return this.tasks.listOpen(actor);
  }

  @Post(':id/complete')
  @Authenticated({ action: 'update', subject: 'Task' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ description: 'No such task of yours' })
  @ApiConflictResponse({ description: 'Stale version or already completed' })
  complete(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CompleteTaskRequest): Promise<TaskResponse> {
    return this.tasks.complete(actor, id, body);
  }

  @Post(':id/reassign')
  @Authenticated({ action: 'update', subject: 'Task' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ description: 'No such task of yours' })
  @ApiConflictResponse({ description: 'Stale version or already completed' })
  @ApiUnprocessableEntityResponse({ description: 'The new assignee is not a clinician of this service' })
  reassign(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: ReassignTaskRequest): Promise<TaskResponse> {
    return this.tasks.reassign(actor, id, body);
  }
}
