import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import {
  addDays,
  AppointmentsService,
  ReferralDetailResponse,
  ReferralsService,
  TherapyModality,
  WaitingListService,
} from '@carepath/referrals';
import { actorFor } from './demo-actor';
import { DEMO } from './demo-seed';

type Plan = {
  daysAgo: number;
  priority: 'routine' | 'urgent';
  reason: string;
  modalities?: TherapyModality[];
  to:
    | 'received'
    | 'info-requested'
    | 'triaged-accepted'
    | 'waiting'
    | 'in-treatment'
    | 'rejected'
    | 'redirected'
    | 'discharged'
    | 'entered-in-error'
    | 'active-monitoring';
  delay?: boolean;
  externalReference?: string;
};

// Every referral state, and waiting lists with patients near and past the 18-week standard (126 days).
const PLANS: Plan[] = [
  {
    daysAgo: 3,
    priority: 'urgent',
    reason: 'Escalating neuropathic pain after shingles',
    to: 'received',
    externalReference: '000100020003',
  },
  { daysAgo: 10, priority: 'routine', reason: 'Chronic widespread pain; medication history needed', to: 'info-requested' },
  { daysAgo: 20, priority: 'routine', reason: 'Chronic low back pain, 2 years', to: 'triaged-accepted', modalities: ['physiotherapy'] },
  {
    daysAgo: 120,
    priority: 'routine',
    reason: 'Persistent neck and shoulder pain',
    to: 'triaged-accepted',
    modalities: ['physiotherapy', 'tai-chi'],
  },
  { daysAgo: 130, priority: 'routine', reason: 'Fibromyalgia with low mood', to: 'triaged-accepted', modalities: ['psychology'] },
  { daysAgo: 150, priority: 'routine', reason: 'Postural back pain', to: 'waiting', modalities: ['physiotherapy', 'alexander-technique'] },
  { daysAgo: 60, priority: 'routine', reason: 'Knee osteoarthritis pain', to: 'waiting', modalities: ['tai-chi'] },
  { daysAgo: 40, priority: 'urgent', reason: 'Complex regional pain syndrome', to: 'in-treatment', modalities: ['physiotherapy'] },
  { daysAgo: 15, priority: 'routine', reason: 'Acute ankle sprain', to: 'rejected' },
  { daysAgo: 25, priority: 'routine', reason: 'Inflammatory joint pain', to: 'redirected' },
  { daysAgo: 90, priority: 'routine', reason: 'Chronic pelvic pain', to: 'discharged', modalities: ['psychology'] },
  { daysAgo: 5, priority: 'routine', reason: 'Entered against the wrong patient', to: 'entered-in-error' },
  {
    daysAgo: 100,
    priority: 'urgent',
    reason: 'Pain with suicidal thoughts in the past',
    to: 'triaged-accepted',
    modalities: ['psychology'],
  },
  {
    daysAgo: 125,
    priority: 'routine',
    reason: 'Chronic pain and reduced function',
    to: 'triaged-accepted',
    modalities: ['pain-management-programme'],
  },
  { daysAgo: 180, priority: 'routine', reason: 'Myofascial pain', to: 'waiting', modalities: ['acupuncture'], delay: true },
  { daysAgo: 70, priority: 'routine', reason: 'Stable chronic headache', to: 'active-monitoring', modalities: ['medication-review'] },
  { daysAgo: 30, priority: 'routine', reason: 'Hand pain affecting work', to: 'triaged-accepted', modalities: ['occupational-therapy'] },
  { daysAgo: 45, priority: 'routine', reason: 'Post-surgical pain', to: 'triaged-accepted', modalities: ['tens', 'physiotherapy'] },
  {
    daysAgo: 110,
    priority: 'routine',
    reason: 'Chronic pain, complex medication',
    to: 'triaged-accepted',
    modalities: ['specialist-nurse', 'medication-review'],
  },
  {
    daysAgo: 119,
    priority: 'routine',
    reason: 'Back pain with sleep problems',
    to: 'triaged-accepted',
    modalities: ['psychology', 'physiotherapy'],
  },
  { daysAgo: 50, priority: 'routine', reason: 'Whiplash-associated pain', to: 'triaged-accepted', modalities: ['acupuncture'] },
  {
    daysAgo: 75,
    priority: 'routine',
    reason: 'Widespread pain and fatigue',
    to: 'triaged-accepted',
    modalities: ['pain-management-programme', 'tens'],
  },
  {
    daysAgo: 90,
    priority: 'routine',
    reason: 'Persistent post-operative knee pain',
    to: 'triaged-accepted',
    modalities: ['physiotherapy', 'tai-chi'],
  },
];

const CAPACITY: Partial<Record<string, number>> = {
  assessment: 6,
  physiotherapy: 4,
  psychology: 2,
  'tai-chi': 8,
  'alexander-technique': 3,
};

/**
 * Demo referrals in every state, made through the same services the API uses,
 * so their clocks, waiting lists, histories and audit trail are real. Runs once:
 * skipped when the demo service already has referrals.
 */
export async function seedDemoReferrals(app: INestApplicationContext, say: (line: string) => void): Promise<void> {
  const ds = app.get(DataSource);
  const [{ count }]: { count: number }[] = await ds.query('SELECT count(*)::int AS count FROM referral WHERE service_id = $1', [
    DEMO.service,
  ]);
  if (count > 0) return;
  const referrals = app.get(ReferralsService);
  const appointments = app.get(AppointmentsService);
  const waitingList = app.get(WaitingListService);
  const admin = await actorFor(app, 'admin@demo.carepath.test');
  const clinician = await actorFor(app, 'clinician@demo.carepath.test');
  const today = app.get(Clock).today();
  const patients: { id: string }[] = await ds.query('SELECT id FROM patient WHERE service_id = $1 ORDER BY nhs_number', [DEMO.service]);

  for (const [i, plan] of PLANS.entries()) {
    const receivedOn = addDays(today, -plan.daysAgo);
    let r: ReferralDetailResponse = (
      await referrals.create(admin, {
        patientId: patients[i % patients.length].id,
        priority: plan.priority,
        reason: plan.reason,
        receivedOn,
        externalReference: plan.externalReference,
      })
    ).referral;
    const accept = async () => {
      r = await referrals.triage(clinician, r.id, {
        outcome: 'accept',
        modalities: plan.modalities ?? ['physiotherapy'],
        version: r.version,
      });
    };
    const assess = async (isTreatment: boolean) => {
      const booked = await appointments.book(admin, r.id, { kind: 'assessment', startsAt: `${addDays(receivedOn, 14)}T10:00:00Z` });
      await appointments.recordAttendance(clinician, booked.id, { outcome: 'attended', isTreatment, version: booked.version });
      r = await referrals.get(clinician, r.id);
    };
    switch (plan.to) {
      case 'received':
        break;
      case 'info-requested':
        await referrals.triage(clinician, r.id, { outcome: 'request-info', version: r.version });
        break;
      case 'rejected':
        await referrals.triage(clinician, r.id, {
          outcome: 'reject',
          reason: 'Acute injury: not a chronic pain referral',
          version: r.version,
        });
        break;
      case 'redirected':
        await referrals.triage(clinician, r.id, {
          outcome: 'redirect',
          reason: 'Likely inflammatory arthritis',
          destination: 'Rheumatology',
          version: r.version,
        });
        break;
      case 'entered-in-error':
        await referrals.enteredInError(admin, r.id, { reason: 'Entered against the wrong patient', version: r.version });
        break;
      case 'triaged-accepted':
        await accept();
        break;
      case 'waiting':
        await accept();
        await assess(false);
        break;
      case 'in-treatment':
        await accept();
        await assess(true);
        break;
      case 'discharged':
        await accept();
        await referrals.discharge(clinician, r.id, {
          reason: 'Symptoms resolved before assessment',
          stopReason: 'patient-declined',
          version: r.version,
        });
        break;
      case 'active-monitoring':
        await accept();
        await referrals.startActiveMonitoring(clinician, r.id, { reason: 'Stable; review in 12 weeks', version: r.version });
        break;
    }
    if (plan.delay) {
      await referrals.addDelay(admin, r.id, {
        startsOn: addDays(receivedOn, 30),
        endsOn: addDays(receivedOn, 80),
        reason: 'Patient asked to wait until after surgery',
      });
    }
  }
  for (const [modality, slots] of Object.entries(CAPACITY)) {
    await waitingList.setCapacity(admin, modality as never, { slotsPerWeek: slots as number });
  }
  say(`demo referrals created: ${PLANS.length}, in every referral state`);
}
