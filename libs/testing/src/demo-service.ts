import { DataSource } from 'typeorm';
import { Role } from '@carepath/auth';
import { DEMO, seedDemo } from '../../../apps/api/src/seed/demo-seed';
import { seedDemoReferrals } from '../../../apps/api/src/seed/demo-referrals';
import { seedDemoPathways } from '../../../apps/api/src/seed/demo-pathways';
import { seedDemoDirectory } from '../../../apps/api/src/seed/demo-directory';
import { seedDemoMdt } from '../../../apps/api/src/seed/demo-mdt';
import { seedDemoLetters } from '../../../apps/api/src/seed/demo-letters';
import type { TestApp } from './test-app';

export { DEMO };

/** The demo service's users (npm run seed), one per role and two clinicians and GPs. */
export const DEMO_USERS: { label: string; role: Role; email: string }[] = [
  { label: 'admin', role: 'admin', email: 'admin@demo.carepath.test' },
  { label: 'clinician', role: 'clinician', email: 'clinician@demo.carepath.test' },
  { label: 'physio', role: 'clinician', email: 'physio@demo.carepath.test' },
  { label: 'manager', role: 'service_manager', email: 'manager@demo.carepath.test' },
  { label: 'gpA', role: 'gp', email: 'gp.a@demo.carepath.test' },
  { label: 'gpB', role: 'gp', email: 'gp.b@demo.carepath.test' },
  { label: 'sp', role: 'social_prescriber', email: 'sp@demo.carepath.test' },
];

/** The full demo seed (every kind of record, in every state, made through the services) in a test app's database. */
export async function seedDemoService(t: TestApp, password: string): Promise<void> {
  const say = () => undefined;
  await seedDemo(t.database.url, password, say);
  await seedDemoReferrals(t.app, say);
  await seedDemoPathways(t.app, say);
  await seedDemoDirectory(t.app, say);
  await seedDemoMdt(t.app, say);
  await seedDemoLetters(t.app, say);
}

/** Path parameters that name a value, not a record. */
export const VALUE_PARAMS = ['modality'];
/** Records every signed-in user may read by design (DOMAIN-RULES: the directory is shared by every service). */
export const SHARED_KINDS = ['services'];
/** Ids in bodies and queries, by the kind of record they name. */
export const ID_FIELDS: Record<string, string> = {
  patientId: 'patients',
  referralId: 'referrals',
  pathwayId: 'pathways',
  consentId: 'consentId',
  leadClinicianId: 'users',
  ownerId: 'users',
  assigneeUserId: 'users',
  attendeeIds: 'users',
  serviceId: 'service',
};

const RECORDS = `
  WITH consent_pick AS (
    SELECT c.id, c.patient_id FROM consent c JOIN patient p ON p.id = c.patient_id WHERE p.service_id = $1 ORDER BY c.given_at, c.id LIMIT 1),
  meeting_pick AS (
    SELECT m.id, c.pathway_id FROM mdt_meeting m JOIN mdt_case c ON c.meeting_id = m.id
     WHERE m.service_id = $1 ORDER BY m.meeting_on DESC, c.id LIMIT 1)
  SELECT $1::text AS service,
    (SELECT patient_id::text FROM consent_pick) AS patients,
    (SELECT id::text FROM consent_pick) AS "consentId",
    (SELECT id::text FROM referral WHERE service_id = $1 ORDER BY created_at, id LIMIT 1) AS referrals,
    (SELECT a.id::text FROM referral_appointment a JOIN referral r ON r.id = a.referral_id WHERE r.service_id = $1 ORDER BY a.created_at LIMIT 1) AS appointments,
    (SELECT id::text FROM care_pathway WHERE service_id = $1 AND status = 'active' ORDER BY created_at, id LIMIT 1) AS pathways,
    (SELECT a.id::text FROM pathway_activity a JOIN care_pathway p ON p.id = a.pathway_id WHERE p.service_id = $1 ORDER BY a.created_at LIMIT 1) AS activities,
    (SELECT s.id::text FROM therapy_session s JOIN care_pathway p ON p.id = s.pathway_id WHERE p.service_id = $1 ORDER BY s.created_at LIMIT 1) AS sessions,
    (SELECT l.id::text FROM letter l WHERE service_id = $1
      ORDER BY EXISTS (SELECT 1 FROM letter_document d WHERE d.letter_id = l.id) DESC, created_at, id LIMIT 1) AS letters,
    (SELECT id::text FROM meeting_pick) AS meetings,
    (SELECT pathway_id::text FROM meeting_pick) AS "pathwayId",
    (SELECT id::text FROM clinical_task WHERE service_id = $1 AND status = 'open' ORDER BY created_at, id LIMIT 1) AS tasks,
    (SELECT n.id::text FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.organisation_id = $1 ORDER BY n.created_at LIMIT 1) AS notifications,
    (SELECT id::text FROM app_user WHERE organisation_id = $1 AND role = 'clinician' ORDER BY email LIMIT 1) AS users,
    (SELECT id::text FROM handoff WHERE service_id = $1 ORDER BY created_at, id LIMIT 1) AS handoffs,
    (SELECT id::text FROM directory_service ORDER BY name, id LIMIT 1) AS services`;

/** The kind of record a path parameter names: `:id` by the segment before it (`/patients/:id` → patients), others by name. */
export function kindOf(path: string, param: string): string {
  if (param !== 'id') return param;
  const segments = path.split('/');
  return segments[segments.indexOf(':id') - 1];
}

/** One record of each kind in a pain service (null where it has none), keyed as kindOf names them. */
export async function recordsOf(ds: DataSource, serviceId: string): Promise<Record<string, string | null>> {
  const [records] = await ds.query(RECORDS, [serviceId]);
  return records as Record<string, string | null>;
}
