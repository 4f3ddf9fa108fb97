import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsVersion } from '@carepath/common';

export const TASK_KINDS = [
  'phq9-urgent',
  'dna-review',
  'delay-review',
  'active-monitoring-review',
  'mdt-action',
  'mdt-change-pathway',
  'mdt-discharge',
  'mdt-refer-on',
  'mdt-propose-handoff',
  'letter-overdue',
  'letter-alternative-format',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export class TaskResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: TASK_KINDS }) kind: string;
  @ApiProperty({ enum: ['routine', 'urgent'] }) priority: string;
  @ApiProperty() patientId: string;
  @ApiProperty({ nullable: true, type: String }) referralId: string | null;
  @ApiProperty({ nullable: true, type: String }) pathwayId: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeUserId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "What to do beyond the kind: an MDT action's description, where to refer on" })
  detail: string | null;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: ['open', 'completed'] }) status: string;
  @ApiProperty() version: number;
}

export class TaskListItem extends TaskResponse {
  @ApiProperty() patientName: string;
  @ApiProperty({ example: '943 476 5919' }) nhsNumber: string;
}

export class TaskList {
  @ApiProperty({ type: [TaskListItem] }) items: TaskListItem[];
}

/** A clinician of the service a task can be given to. */
export class TaskAssignee {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) discipline: string | null;
}

export class CompleteTaskRequest {
  @ApiProperty() @IsVersion() version: number;
}

export class ReassignTaskRequest {
  @ApiProperty({ description: 'A clinician of the same service' }) @IsUUID() assigneeUserId: string;
  @ApiProperty() @IsVersion() version: number;
}
