import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobData } from '@carepath/database';
import { NotificationsService } from '@carepath/notifications';

/** A PHQ-9 item 9 answer above 0: the assigned clinician is told at once. The notice names no patient details. */
@Injectable()
export class NotifyUrgentPhq9Job {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(data: JobData): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [task]: { id: string; assignee_user_id: string | null; patient_id: string; pathway_id: string }[] = await manager.query(
        'SELECT id, assignee_user_id, patient_id, pathway_id FROM clinical_task WHERE id = $1',
        [data.taskId],
      );
      if (!task?.assignee_user_id) return;
      await this.notifications.notify(manager, [task.assignee_user_id], {
        type: 'task.phq9-urgent',
        message: 'URGENT: a PHQ-9 answer shows thoughts of self-harm. Review the patient today.',
        entityType: 'ClinicalTask',
        entityId: task.id,
        patientId: task.patient_id,
        sourceEventId: data.outboxId,
      });
    });
  }
}
