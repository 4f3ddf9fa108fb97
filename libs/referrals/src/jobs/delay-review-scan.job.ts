import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { addDays, DELAY_REVIEW_DAYS } from '../referral-clock.rules';
import { raiseTask } from '../referral.store';
import { delayReviewTask } from '../referrals.service';

/** Open-ended patient-initiated delays that have passed 6 weeks get their clinical review task (once each). */
@Injectable()
export class DelayReviewScanJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<number> {
    const today = this.clock.today();
    return this.dataSource.transaction(async (manager) => {
      const due: { delay_id: string; referral_id: string; service_id: string; patient_id: string }[] = await manager.query(
        `SELECT d.id AS delay_id, r.id AS referral_id, r.service_id, r.patient_id
           FROM patient_delay d JOIN referral r ON r.id = d.referral_id
          WHERE d.starts_on < $1 AND (d.ends_on IS NULL OR d.ends_on > d.starts_on + $2::int)
            AND r.status IN ('received', 'info-requested', 'triaged-accepted', 'waiting')
            AND NOT EXISTS (SELECT 1 FROM clinical_task t WHERE t.source_key = 'delay-review:' || d.id)`,
        [addDays(today, -DELAY_REVIEW_DAYS), DELAY_REVIEW_DAYS],
      );
      for (const d of due) {
        await raiseTask(
          manager,
          delayReviewTask({ id: d.referral_id, serviceId: d.service_id, patientId: d.patient_id }, d.delay_id, today),
        );
      }
      return due.length;
    });
  }
}
