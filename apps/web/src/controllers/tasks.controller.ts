import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, Authenticated, CurrentActor } from '@carepath/auth';
import { UuidParam } from '@carepath/common';
import { PatientsService } from '@carepath/patients';
import { CompleteTaskRequest, ReassignTaskRequest, TasksService } from '@carepath/tasks';
import { formError, integer, submitForm, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, render } from '../web-response';

/** What each kind of task asks of the clinician, in the clinic's words. */
export const TASK_NAMES: Record<string, string> = {
  'phq9-urgent': 'PHQ-9 question 9 answered positively: assess risk of self-harm',
  'dna-review': 'Review after a missed appointment',
  'delay-review': 'Review a patient-initiated delay',
  'active-monitoring-review': 'Active monitoring review',
  'mdt-action': 'MDT action',
  'mdt-change-pathway': 'MDT decision: change the care pathway',
  'mdt-discharge': 'MDT decision: discharge',
  'mdt-refer-on': 'MDT decision: refer on',
  'mdt-propose-handoff': 'MDT decision: propose a community handoff',
  'letter-overdue': 'GP letter overdue',
  'letter-alternative-format': 'Send a letter in another format',
};

const REASSIGN_LABELS = { assigneeUserId: 'Clinician' };

@WebPages()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly patients: PatientsService,
  ) {}

  /** A clinician's open tasks, urgent first, PHQ-9 item 9 as emergencies; for an admin, the service's unassigned tasks. */
  @Get()
  @Authenticated({ action: 'read', subject: 'Task' })
  async list(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await render(res, 'tasks/index', await this.listContext(actor));
  }

  @Post(':id/complete')
  @Authenticated({ action: 'update', subject: 'Task' })
  async complete(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await handleForm(res, { view: 'tasks/index', context: () => this.listContext(actor) }, async () => {
      const request = await validateForm(CompleteTaskRequest, { version: integer(body.version) });
      await submitForm(() => this.tasks.complete(actor, id, request));
      return { url: '/tasks', flash: 'Task completed' };
    });
  }

  @Get(':id/reassign')
  @Authenticated({ action: 'update', subject: 'Task' })
  async reassignForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    await render(res, 'tasks/reassign', await this.reassignContext(actor, id, {}));
  }

  @Post(':id/reassign')
  @Authenticated({ action: 'update', subject: 'Task' })
  async reassign(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const values = { assigneeUserId: text(body.assigneeUserId) };
    await handleForm(res, { view: 'tasks/reassign', context: () => this.reassignContext(actor, id, values) }, async () => {
      if (!values.assigneeUserId) throw formError('Select the clinician to give this task to', 'assigneeUserId');
      const request = await validateForm(ReassignTaskRequest, { ...values, version: integer(body.version) }, REASSIGN_LABELS);
      await submitForm(() => this.tasks.reassign(actor, id, request), REASSIGN_LABELS);
      return { url: '/tasks', flash: 'Task reassigned' };
    });
  }

  private async listContext(actor: Actor): Promise<Record<string, unknown>> {
    const { items } = await this.tasks.listOpen(actor);
    const unassigned = actor.role === 'admin';
    return {
      title: unassigned ? 'Unassigned tasks' : 'My tasks',
      unassigned,
      emergencies: items.filter((task) => task.kind === 'phq9-urgent'),
      tasks: items.filter((task) => task.kind !== 'phq9-urgent'),
      taskNames: TASK_NAMES,
    };
  }

  private async reassignContext(actor: Actor, id: string, values: Record<string, unknown>): Promise<Record<string, unknown>> {
    const task = await this.tasks.get(actor, id);
    const [patient, assignees] = await Promise.all([this.patients.get(actor, task.patientId), this.tasks.assignees(actor)]);
    const unassigned = task.assigneeUserId === null;
    return {
      title: unassigned ? 'Assign a task' : 'Reassign a task',
      task,
      patient,
      taskNames: TASK_NAMES,
      assignees: assignees.filter((clinician) => clinician.id !== task.assigneeUserId),
      values,
      breadcrumbs: [{ text: unassigned ? 'Unassigned tasks' : 'My tasks', href: '/tasks' }],
    };
  }
}
