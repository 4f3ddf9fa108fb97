import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { UsersService } from '@carepath/auth';
import { MdtService } from '@carepath/mdt';
import { TasksService } from '@carepath/tasks';
import { LettersService } from '../letters.service';

/** Triggers older than this have had their task raised long ago; the daily scan looks no further back. */
const LOOK_BACK_DAYS = 60;

/**
 * The daily scan: an attended assessment or an MDT decision 10 days ago with no letter approved since raises one
 * `letter-overdue` task, for the clinician who recorded the attendance or the pathway's lead clinician (the
 * service's admins when there is none).
 */
@Injectable()
export class LettersOverdueScanJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly letters: LettersService,
    private readonly users: UsersService,
    private readonly tasks: TasksService,
    private readonly mdt: MdtService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - LOOK_BACK_DAYS * 86_400_000);
    return this.dataSource.transaction(async (manager) => {
      const overdue = [...(await this.letters.dueFor(manager, null, since)).values()].flat().filter((d) => d.overdue);
      const raised = await this.tasks.raisedSources(
        manager,
        overdue.map((d) => `letter-overdue:${d.sourceId}`),
      );
      const due = overdue.filter((d) => !raised.has(`letter-overdue:${d.sourceId}`));
      const recorders = await this.users.profiles(manager, [...new Set(due.flatMap((d) => d.clinicianId ?? []))]);
      for (const d of due) {
        const assignee =
          d.reason === 'mdt-decision'
            ? ((await this.mdt.decisionFacts(manager, d.sourceId))?.leadClinicianId ?? null)
            : d.clinicianId && recorders.get(d.clinicianId)?.role === 'clinician'
              ? d.clinicianId
              : null;
        await this.tasks.raise(manager, {
          serviceId: d.serviceId,
          kind: 'letter-overdue',
          patientId: d.patientId,
          referralId: d.referralId,
          assigneeUserId: assignee,
          dueOn: d.dueOn,
          sourceKey: `letter-overdue:${d.sourceId}`,
        });
      }
      return due.length;
    });
  }
}
