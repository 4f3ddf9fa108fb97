import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, Clock } from '@carepath/common';
import { MdtService } from '@carepath/mdt';
import { actorFor } from './demo-actor';
import { MDT_FLAGGED_GOAL, MDT_REVIEWED_GOAL } from './demo-pathways';
import { DEMO } from './demo-seed';

/**
 * The demo MDT, made through the MDT service: a meeting 13 weeks ago that reviewed two pathways (decisions with
 * actions, now tasks), a flag on another, and a meeting in three days whose generated case list holds the review
 * now overdue, the flagged case and the cases with a DNA-review task open. Runs once.
 */
export async function seedDemoMdt(app: INestApplicationContext, say: (line: string) => void): Promise<void> {
  const mdt = app.get(MdtService);
  const psych = await actorFor(app, 'clinician@demo.carepath.test');
  const physio = await actorFor(app, 'physio@demo.carepath.test');
  if ((await mdt.listMeetings(psych, {})).items.length > 0) return;
  const today = app.get(Clock).today();
  const active: { id: string; goals: string[] }[] = await app
    .get(DataSource)
    .query(`SELECT id, goals FROM care_pathway WHERE service_id = $1 AND status = 'active' ORDER BY created_at, id`, [DEMO.service]);
  const reviewed = active.find((p) => p.goals.includes(MDT_REVIEWED_GOAL));
  const flagged = active.find((p) => p.goals.includes(MDT_FLAGGED_GOAL));
  const other = active.find((p) => p !== reviewed && p !== flagged);
  if (!reviewed || !flagged || !other) return;

  const attendeeIds = [psych.userId, physio.userId];
  const pastDay = addDays(today, -91);
  let past = await mdt.createMeeting(psych, { date: pastDay, site: 'Riverside Clinic, seminar room', attendeeIds });
  for (const pathwayId of [reviewed.id, other.id]) {
    past = await mdt.addCase(psych, past.id, { pathwayId, reason: 'Progress review' });
  }
  past = await mdt.startMeeting(psych, past.id, past.version);
  const version = (pathwayId: string) => past.cases.find((c) => c.pathwayId === pathwayId)?.version ?? 1;
  await mdt.decide(psych, past.id, reviewed.id, {
    summary: 'Walking further and sleeping better; pain steady at 6/10. Continue physiotherapy.',
    decision: 'continue',
    actions: [{ description: 'Repeat the PSEQ and pain score at the next session', ownerId: physio.userId, dueOn: addDays(pastDay, 14) }],
    version: version(reviewed.id),
  });
  await mdt.decide(psych, past.id, other.id, {
    summary: 'Low mood is the main barrier; psychology before the movement work.',
    decision: 'change-pathway',
    actions: [{ description: 'Offer a psychology assessment', ownerId: psych.userId, dueOn: addDays(pastDay, 21) }],
    version: version(other.id),
  });
  past = await mdt.getMeeting(psych, past.id);
  await mdt.closeMeeting(psych, past.id, past.version);

  await mdt.flag(physio, flagged.id, { reason: 'Pain much worse since a fall; wants to talk about stopping' });
  const upcoming = await mdt.createMeeting(psych, { date: addDays(today, 3), site: 'Riverside Clinic, seminar room', attendeeIds });
  say(`demo MDT: a past meeting with 2 decisions; an upcoming meeting with ${upcoming.cases.length} cases on its generated list`);
}
