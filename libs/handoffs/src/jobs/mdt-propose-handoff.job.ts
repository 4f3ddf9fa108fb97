import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { DeliveredEvent } from '@carepath/database';
import { followUpTask, MDT_DECISION_RECORDED, MdtService } from '@carepath/mdt';
import { TasksService } from '@carepath/tasks';

type DecisionRecorded = DeliveredEvent<NonNullable<(typeof MDT_DECISION_RECORDED)['payload']>>;

/**
 * The MDT decided to hand the patient off to a community service: a clinician is asked to propose the handoff. The
 * handoff itself still needs the patient's active consent when it is made.
 */
@Injectable()
export class MdtProposeHandoffJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mdt: MdtService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async handle(event: DecisionRecorded): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const decision = await this.mdt.decisionFacts(manager, event.decisionId);
      if (decision?.decision !== 'handoff-to-community') return;
      await this.tasks.raise(manager, followUpTask(decision, 'mdt-propose-handoff', this.clock.today()));
    });
  }
}
