import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { TasksService } from '@carepath/tasks';
import { addDays, DELAY_REVIEW_DAYS } from '../referral-clock.rules';
import { delayReviewTask } from '../referrals.service';

/** Open-ended patient-initiated delays that have passed 6 weeks get their clinical review task (once each). */
@Injectable()
export class DelayReviewScanJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<number> {
    const today = this.clock.today();
    return this.dataSource.transaction(async (manager) => {
      const overdue: { delay_id: string; referral_id: string; service_id: string; patient_id: string }[] = await manager.query(
        `SELECT d.id AS delay_id, r.id AS referral_id, r.service_id, r.patient_id
           FROM patient_delay d JOIN referral r ON r.id = d.referral_id
          WHERE d.starts_on < $1 AND (d.ends_on IS NULL OR d.ends_on > d.starts_on + $2::int)
            AND r.status IN ('received', 'info-requested', 'triaged-accepted', 'waiting')`,
        [addDays(today, -DELAY_REVIEW_DAYS), DELAY_REVIEW_DAYS],
      );
      const tasks = overdue.map((d) =>
        delayReviewTask({ id: d.referral_id, serviceId: d.service_id, patientId: d.patient_id }, d.delay_id, today),
      );
      const raised = await this.tasks.raisedSources(
        manager,
        tasks.map((t) => t.sourceKey),
      );
      const due = tasks.filter((t) => !raised.has(t.sourceKey));
      for (const task of due) await this.tasks.raise(manager, task);
      return due.length;
    });
  }
}
