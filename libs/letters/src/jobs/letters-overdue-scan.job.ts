import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { UsersService } from '@carepath/auth';
import { TasksService } from '@carepath/tasks';
import { LettersService } from '../letters.service';

/** Triggers older than this have had their task raised long ago; the daily scan looks no further back. */
const LOOK_BACK_DAYS = 60;

/**
 * The daily scan: an attended assessment 10 days ago with no letter approved since raises one `letter-overdue`
 * task, for the clinician who recorded the attendance (or, if that was not a clinician, for the service's admins).
 */
@Injectable()
export class LettersOverdueScanJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly letters: LettersService,
    private readonly users: UsersService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - LOOK_BACK_DAYS * 86_400_000);
    return this.dataSource.transaction(async (manager) => {
      const due = [...(await this.letters.dueFor(manager, null, since)).values()].flat().filter((d) => d.overdue);
      const recorders = await this.users.profiles(manager, [...new Set(due.flatMap((d) => d.assessment.recordedByUserId ?? []))]);
      for (const d of due) {
        const recorder = d.assessment.recordedByUserId;
        await this.tasks.raise(manager, {
          serviceId: d.assessment.serviceId,
          kind: 'letter-overdue',
          patientId: d.assessment.patientId,
          referralId: d.assessment.referralId,
          assigneeUserId: recorder && recorders.get(recorder)?.role === 'clinician' ? recorder : null,
          dueOn: d.dueOn,
          sourceKey: `letter-overdue:${d.sourceId}`,
        });
      }
      return due.length;
    });
  }
}
