import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, Clock } from '@carepath/common';
import { NotificationsService } from '@carepath/notifications';
import { MdtDueService } from '../mdt-due.service';
import { isoWeek, REMINDER_HORIZON_DAYS } from '../mdt.rules';

export const MDT_WEEKLY_REMINDERS = 'mdt.weekly-reminders';
export const WEEKLY = 7 * 24 * 3_600_000;

/** A stable id for "this week's MDT reminder", so a clinician is told once a week however often the job runs. */
function reminderSource(week: string): string {
  const hex = createHash('sha256').update(`mdt-reminder:${week}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Each lead clinician hears, once per ISO week, how many of their cases are due for MDT review within the next 14
 * days (overdue ones included), so they can prepare. The notice names no patient.
 */
@Injectable()
export class WeeklyRemindersJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly due: MdtDueService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<number> {
    const today = this.clock.today();
    const by = addDays(today, REMINDER_HORIZON_DAYS);
    const source = reminderSource(isoWeek(today));
    return this.dataSource.transaction(async (manager) => {
      let sent = 0;
      for (const serviceId of await this.due.servicesWithActivePathways(manager)) {
        const cases = new Map<string, number>();
        for (const entry of await this.due.dueList(manager, serviceId, by)) {
          for (const lead of entry.leadClinicianIds) cases.set(lead, (cases.get(lead) ?? 0) + 1);
        }
        for (const [clinicianId, count] of cases) {
          sent += await this.notifications.notify(manager, [clinicianId], {
            type: 'mdt.cases-due',
            message: `${count} of your ${count === 1 ? 'cases is' : 'cases are'} due for MDT review by ${by}`,
            sourceEventId: source,
          });
        }
      }
      return sent;
    });
  }
}
