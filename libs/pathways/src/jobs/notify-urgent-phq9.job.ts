import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobData } from '@carepath/database';
import { NotificationsService } from '@carepath/notifications';
import { TasksService } from '@carepath/tasks';

/** A PHQ-9 item 9 answer above 0: the assigned clinician is told at once. The notice names no patient details. */
@Injectable()
export class NotifyUrgentPhq9Job {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(data: JobData): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.recipientOf(manager, data.taskId);
      if (!task?.assigneeUserId) return;
      await this.notifications.notify(manager, [task.assigneeUserId], {
        type: 'task.phq9-urgent',
        message: 'URGENT: a PHQ-9 answer shows thoughts of self-harm. Review the patient today.',
        entityType: 'ClinicalTask',
        entityId: data.taskId,
        patientId: task.patientId,
        sourceEventId: data.outboxId,
      });
    });
  }
}
