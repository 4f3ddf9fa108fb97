import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum TaskErrorCode {
  TaskNotFound = 'TASK_NOT_FOUND',
  AssigneeNotInService = 'ASSIGNEE_NOT_IN_SERVICE',
}

const STATUS: Record<TaskErrorCode, HttpStatus> = {
  [TaskErrorCode.TaskNotFound]: HttpStatus.NOT_FOUND,
  [TaskErrorCode.AssigneeNotInService]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one error of clinical tasks; its code decides the HTTP status. */
export class TaskError extends DomainError {
  constructor(code: TaskErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
