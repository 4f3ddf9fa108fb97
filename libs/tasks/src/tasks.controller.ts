import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, UuidParam } from '@carepath/common';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { CompleteTaskRequest, ReassignTaskRequest, TaskList, TaskResponse } from './dto/tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('tasks')
@ApiError(HttpStatus.BAD_REQUEST, 'Invalid fields')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Your open clinical tasks' })
  @Authenticated({ action: 'read', subject: 'Task' })
  @ApiOkResponse({ type: TaskList, description: "A clinician's open tasks (an admin: the unassigned ones), urgent first" })
  list(@CurrentActor() actor: Actor): Promise<TaskList> {
    return this.tasks.listOpen(actor);
  }

  @Post(':id/complete')
  @ApiOperation({ summary: 'Complete a clinical task' })
  @Authenticated({ action: 'update', subject: 'Task' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such task of yours')
  @ApiError(HttpStatus.CONFLICT, 'Stale version or already completed')
  complete(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: CompleteTaskRequest): Promise<TaskResponse> {
    return this.tasks.complete(actor, id, body);
  }

  @Post(':id/reassign')
  @ApiOperation({ summary: 'Reassign a clinical task to another clinician of the service' })
  @Authenticated({ action: 'update', subject: 'Task' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  @ApiError(HttpStatus.NOT_FOUND, 'No such task of yours')
  @ApiError(HttpStatus.CONFLICT, 'Stale version or already completed')
  @ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'The new assignee is not a clinician of this service')
  reassign(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: ReassignTaskRequest): Promise<TaskResponse> {
    return this.tasks.reassign(actor, id, body);
  }
}
