import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { DeliveredEvent } from '@carepath/database';
import { followUpTask, MDT_DECISION_RECORDED, MdtService } from '@carepath/mdt';
import { TasksService } from '@carepath/tasks';

type DecisionRecorded = DeliveredEvent<NonNullable<(typeof MDT_DECISION_RECORDED)['payload']>>;

/**
 * The MDT decided to discharge, or to refer on: a clinician does it (the MDT records the decision, it never
 * discharges or refers by itself). A referral on carries its destination on the task.
 */
@Injectable()
export class MdtFollowUpJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mdt: MdtService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async handle(event: DecisionRecorded, decided: 'discharge' | 'refer-on'): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const decision = await this.mdt.decisionFacts(manager, event.decisionId);
      if (decision?.decision !== decided) return;
      await this.tasks.raise(
        manager,
        followUpTask(decision, decided === 'discharge' ? 'mdt-discharge' : 'mdt-refer-on', this.clock.today()),
      );
    });
  }
}
