import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { DeliveredEvent } from '@carepath/database';
import { followUpTask, MDT_DECISION_RECORDED, MdtService } from '@carepath/mdt';
import { TasksService } from '@carepath/tasks';

type DecisionRecorded = DeliveredEvent<NonNullable<(typeof MDT_DECISION_RECORDED)['payload']>>;

/** The MDT decided to change the pathway: its lead clinician gets the task of changing it (nothing changes by itself). */
@Injectable()
export class MdtChangePathwayJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mdt: MdtService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async handle(event: DecisionRecorded): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const decision = await this.mdt.decisionFacts(manager, event.decisionId);
      if (decision?.decision !== 'change-pathway') return;
      await this.tasks.raise(manager, followUpTask(decision, 'mdt-change-pathway', this.clock.today()));
    });
  }
}
