import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, Clock, IsoDate, ValidationFailed } from '@carepath/common';
import { Actor } from '@carepath/auth';
import { TasksService } from '@carepath/tasks';
import { MdtDecisionCounts, MdtReport, MdtReportMonth, MdtReportQuery } from './dto/mdt.dto';
import { MdtAction } from './mdt-decision.entity';
import { MdtDueService } from './mdt-due.service';
import { MDT_DECISIONS, MdtDecisionKind } from './mdt.rules';

/** A report covers six months up to today unless told otherwise, and at most two years. */
const DEFAULT_MONTHS = 6;
const MAX_MONTHS = 24;

function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

function nextMonth(first: IsoDate): IsoDate {
  const [y, m] = first.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function monthsBack(first: IsoDate, months: number): IsoDate {
  const [y, m] = first.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * MDT throughput per month, counts only (service managers see no patient): cases discussed and their current
 * decisions by kind at that month's meetings, actions due that month completed on time or late, and active pathways
 * overdue for review at the month's end (as the records stand today, counting the reviews held up to that day).
 */
@Injectable()
export class MdtReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly due: MdtDueService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, query: MdtReportQuery): Promise<MdtReport> {
    const today = this.clock.today();
    const to = query.to ?? today;
    const from = query.from ?? monthsBack(firstOfMonth(to), DEFAULT_MONTHS - 1);
    if (from > to) throw new ValidationFailed([{ field: 'from', messages: ['from must not be after to'] }]);
    if (monthsBack(firstOfMonth(to), MAX_MONTHS - 1) > firstOfMonth(from))
      throw new ValidationFailed([{ field: 'from', messages: [`a report covers at most ${MAX_MONTHS} months`] }]);
    return this.dataSource.transaction(async (manager) => {
      const decisions: { id: string; decision: MdtDecisionKind; meeting_on: string; actions: MdtAction[]; current: boolean }[] =
        await manager.query(
          `SELECT d.id, d.decision, d.meeting_on::text, d.actions,
                NOT EXISTS (SELECT 1 FROM mdt_decision a WHERE a.amends_decision_id = d.id) AS current
           FROM mdt_decision d JOIN mdt_case c ON c.id = d.case_id JOIN mdt_meeting m ON m.id = c.meeting_id
          WHERE m.service_id = $1`,
          [actor.organisationId],
        );
      const current = decisions.filter((d) => d.current);
      // Every action ever recorded became a task, an amended decision's too.
      const actions = decisions.flatMap((d) => d.actions.map((a, index) => ({ ...a, sourceKey: `mdt-action:${d.id}:${index}` })));
      const completions = await this.tasks.completions(
        manager,
        actions.map((a) => a.sourceKey),
      );
      const rows: MdtReportMonth[] = [];
      for (let month = firstOfMonth(from); month <= to; month = nextMonth(month)) {
        const start = month < from ? from : month;
        const monthEnd = addDays(nextMonth(month), -1);
        const end = monthEnd > to ? to : monthEnd;
        const inMonth = (day: string) => day >= start && day <= end;
        const decided = current.filter((d) => inMonth(d.meeting_on));
        const counts = Object.fromEntries(
          MDT_DECISIONS.map((k) => [k, decided.filter((d) => d.decision === k).length]),
        ) as unknown as MdtDecisionCounts;
        const dueActions = actions.filter((a) => inMonth(a.dueOn));
        const completed = dueActions.flatMap((a) => {
          const c = completions.get(a.sourceKey);
          return c?.completedOn ? [{ dueOn: a.dueOn, completedOn: c.completedOn }] : [];
        });
        const asOf = end > today ? today : end;
        const overdue = (await this.due.dueList(manager, actor.organisationId, asOf)).filter((d) => d.dueOn < asOf);
        rows.push({
          month: month.slice(0, 7),
          casesDiscussed: decided.length,
          decisions: counts,
          actionsCompletedOnTime: completed.filter((c) => c.completedOn <= c.dueOn).length,
          actionsCompletedLate: completed.filter((c) => c.completedOn > c.dueOn).length,
          overdueAtMonthEnd: overdue.length,
        });
      }
      return { generatedOn: today, from, to, rows };
    });
  }
}
