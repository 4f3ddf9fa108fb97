import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { OutcomesService, PathwaysService } from '@carepath/pathways';
import { addDays, TherapyModality } from '@carepath/referrals';
import { actorFor } from './demo-actor';
import { DEMO } from './demo-seed';

type Outcome = 'attended' | 'dna' | 'cancelled-by-patient' | 'cancelled-by-service';

interface PathwayPlan {
  status: 'active' | 'on-hold' | 'completed';
  goals: string[];
  activities: { modality: TherapyModality; planned: number; lead: 'physio' | 'psych'; sessions: Outcome[] }[];
  scores: { measure: 'PHQ9' | 'GAD7' | 'PSEQ' | 'NRS' | 'EQ5D5L'; baseline: unknown; discharge?: unknown }[];
}

const pseq = (total: number) => Array.from({ length: 10 }, (_, i) => Math.floor(total / 10) + (i < total % 10 ? 1 : 0));

/** The demo MDT reviewed this pathway at a past meeting, and flags the next one (see demo-mdt.ts). */
export const MDT_REVIEWED_GOAL = 'Garden again without a flare-up';
export const MDT_FLAGGED_GOAL = 'Carry the shopping home';

// Active, on-hold and completed pathways across modalities, with DNAs and scores that give the reports something to show.
const PLANS: PathwayPlan[] = [
  {
    status: 'completed',
    goals: ['Walk to the park and back', 'Return to part-time work'],
    activities: [
      {
        modality: 'physiotherapy',
        planned: 6,
        lead: 'physio',
        sessions: ['attended', 'attended', 'dna', 'attended', 'attended', 'attended', 'attended'],
      },
      {
        modality: 'psychology',
        planned: 6,
        lead: 'psych',
        sessions: ['attended', 'attended', 'attended', 'attended', 'attended', 'attended'],
      },
    ],
    scores: [
      { measure: 'PSEQ', baseline: pseq(18), discharge: pseq(31) },
      { measure: 'NRS', baseline: [8], discharge: [5] },
      { measure: 'PHQ9', baseline: [2, 2, 2, 2, 1, 1, 1, 1, 0], discharge: [1, 1, 1, 0, 0, 0, 1, 0, 0] },
    ],
  },
  {
    status: 'completed',
    goals: ['Play with my grandchildren'],
    activities: [
      {
        modality: 'tai-chi',
        planned: 8,
        lead: 'physio',
        sessions: ['attended', 'attended', 'attended', 'cancelled-by-service', 'attended', 'dna'],
      },
    ],
    scores: [
      { measure: 'PSEQ', baseline: pseq(25), discharge: pseq(28) },
      { measure: 'NRS', baseline: [6], discharge: [5] },
      {
        measure: 'EQ5D5L',
        baseline: { mobility: 3, selfCare: 2, usualActivities: 3, painDiscomfort: 4, anxietyDepression: 2, vas: 45 },
        discharge: { mobility: 2, selfCare: 1, usualActivities: 2, painDiscomfort: 3, anxietyDepression: 2, vas: 60 },
      },
    ],
  },
  {
    status: 'active',
    goals: ['Sleep through the night', 'Cook a meal for my family'],
    activities: [
      { modality: 'psychology', planned: 8, lead: 'psych', sessions: ['attended', 'dna', 'attended'] },
      { modality: 'alexander-technique', planned: 10, lead: 'physio', sessions: ['attended', 'attended'] },
    ],
    scores: [
      { measure: 'GAD7', baseline: [2, 2, 2, 1, 1, 1, 1] },
      { measure: 'PHQ9', baseline: [2, 2, 1, 1, 1, 1, 1, 1, 0] },
    ],
  },
  {
    status: 'on-hold',
    goals: ['Get back to swimming'],
    activities: [{ modality: 'acupuncture', planned: 6, lead: 'physio', sessions: ['attended', 'dna'] }],
    scores: [{ measure: 'NRS', baseline: [7] }],
  },
  {
    status: 'active',
    goals: ['Manage flare-ups without A&E'],
    activities: [
      { modality: 'pain-management-programme', planned: 12, lead: 'psych', sessions: ['attended', 'attended', 'attended', 'dna'] },
      { modality: 'tens', planned: 2, lead: 'physio', sessions: [] },
    ],
    scores: [{ measure: 'PSEQ', baseline: pseq(15) }],
  },
  {
    status: 'active',
    goals: [MDT_REVIEWED_GOAL],
    activities: [{ modality: 'physiotherapy', planned: 6, lead: 'physio', sessions: ['attended', 'attended'] }],
    scores: [
      { measure: 'NRS', baseline: [7] },
      { measure: 'PSEQ', baseline: pseq(20) },
    ],
  },
  {
    status: 'active',
    goals: [MDT_FLAGGED_GOAL],
    activities: [{ modality: 'psychology', planned: 8, lead: 'psych', sessions: ['attended'] }],
    scores: [{ measure: 'PHQ9', baseline: [2, 2, 2, 2, 2, 1, 1, 1, 0] }],
  },
];

/**
 * Demo care pathways, made through the services the API uses on accepted demo
 * referrals: sessions (with DNAs, so there are review tasks), outcome scores,
 * and pathways left active, on hold or completed. Runs once.
 */
export async function seedDemoPathways(app: INestApplicationContext, say: (line: string) => void): Promise<void> {
  const ds = app.get(DataSource);
  const [{ count }]: { count: number }[] = await ds.query('SELECT count(*)::int AS count FROM care_pathway WHERE service_id = $1', [
    DEMO.service,
  ]);
  if (count > 0) return;
  const pathways = app.get(PathwaysService);
  const outcomes = app.get(OutcomesService);
  const admin = await actorFor(app, 'admin@demo.carepath.test');
  const psych = await actorFor(app, 'clinician@demo.carepath.test');
  const physio = await actorFor(app, 'physio@demo.carepath.test');
  const today = app.get(Clock).today();
  // Referrals received 40-100 days ago: old enough for their sessions to be in the past, and young enough to
  // leave the patients near and past 18 weeks on the waiting lists.
  const referrals: { id: string; received_on: string }[] = await ds.query(
    `SELECT id, received_on FROM referral
      WHERE service_id = $1 AND status IN ('triaged-accepted', 'waiting') AND received_on BETWEEN $2 AND $3
      ORDER BY received_on DESC LIMIT $4`,
    [DEMO.service, addDays(today, -100), addDays(today, -40), PLANS.length],
  );
  for (const [i, plan] of PLANS.entries()) {
    if (!referrals[i]) break;
    const { id: referralId, received_on: receivedOn } = referrals[i];
    const lead = (who: 'physio' | 'psych') => (who === 'physio' ? physio : psych).userId;
    let p = await pathways.create(psych, referralId, {
      goals: plan.goals,
      activities: plan.activities.map((a) => ({ modality: a.modality, plannedSessions: a.planned, leadClinicianId: lead(a.lead) })),
    });
    for (const score of plan.scores)
      await outcomes.record(psych, p.id, { measure: score.measure, timepoint: 'baseline', answers: score.baseline });
    for (const [k, activity] of plan.activities.entries()) {
      for (const [n, outcome] of activity.sessions.entries()) {
        const startsAt = `${addDays(receivedOn, 10 + n * 4 + k)}T10:00:00Z`;
        const session = await pathways.bookSession(admin, p.activities[k].id, { startsAt, location: 'Riverside Clinic, room 2' });
        const clinician = activity.lead === 'physio' ? physio : psych;
        await pathways.recordAttendance(clinician, session.id, {
          outcome,
          version: session.version,
          note: outcome === 'attended' ? 'Session completed as planned' : undefined,
        });
      }
    }
    for (const score of plan.scores.filter((s) => s.discharge)) {
      await outcomes.record(psych, p.id, { measure: score.measure, timepoint: 'discharge', answers: score.discharge });
    }
    p = await pathways.get(psych, p.id);
    if (plan.status !== 'active') {
      await pathways.changeStatus(psych, p.id, {
        status: plan.status,
        reason: plan.status === 'on-hold' ? 'Patient having surgery' : 'Goals met',
        version: p.version,
      });
    }
  }
  say(`demo care pathways created: ${Math.min(PLANS.length, referrals.length)} (active, on hold and completed)`);
}
