import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '@carepath/database';
import { hashPassword } from '@carepath/auth';
import { nhsCheckDigit } from '@carepath/patients';

/** Fixed ids keep the seed idempotent: a second run finds everything in place. */
export const DEMO = {
  service: '0d6f1c9e-5b1a-4c57-9a43-2f4a1e000001',
  practiceA: '0d6f1c9e-5b1a-4c57-9a43-2f4a1e00000a',
  practiceB: '0d6f1c9e-5b1a-4c57-9a43-2f4a1e00000b',
  vcsWalking: '0d6f1c9e-5b1a-4c57-9a43-2f4a1e0000c1',
  vcsPeer: '0d6f1c9e-5b1a-4c57-9a43-2f4a1e0000c2',
} as const;

const ORGANISATIONS = [
  { id: DEMO.service, type: 'pain-service', name: 'Demo Community Pain Service', odsCode: null },
  { id: DEMO.practiceA, type: 'gp-practice', name: 'Demo Practice A (Riverside Surgery)', odsCode: 'Y90001' },
  { id: DEMO.practiceB, type: 'gp-practice', name: 'Demo Practice B (Hillview Medical Centre)', odsCode: 'Y90002' },
  { id: DEMO.vcsWalking, type: 'vcs', name: 'Riverside Walking Friends', odsCode: null },
  { id: DEMO.vcsPeer, type: 'vcs', name: 'Hillview Pain Peer Support', odsCode: null },
];

const USERS = [
  { email: 'admin@demo.carepath.test', name: 'Alex Admin', role: 'admin', discipline: null, org: DEMO.service },
  { email: 'clinician@demo.carepath.test', name: 'Dr Priya Shah', role: 'clinician', discipline: 'psychologist', org: DEMO.service },
  { email: 'physio@demo.carepath.test', name: 'Sam Okafor', role: 'clinician', discipline: 'physiotherapist', org: DEMO.service },
  { email: 'manager@demo.carepath.test', name: 'Morgan Manager', role: 'service_manager', discipline: null, org: DEMO.service },
  { email: 'sp@demo.carepath.test', name: 'Jo Link-Worker', role: 'social_prescriber', discipline: null, org: DEMO.vcsWalking },
  { email: 'gp.a@demo.carepath.test', name: 'Dr Ann Riverside', role: 'gp', discipline: null, org: DEMO.practiceA },
  { email: 'gp.b@demo.carepath.test', name: 'Dr Ben Hillview', role: 'gp', discipline: null, org: DEMO.practiceB },
];

const GIVEN = ['Margaret', 'David', 'Aisha', 'Tomasz', 'Grace', 'Imran', 'Eileen', 'Kwame', 'Sophie', 'Raj'];
const FAMILY = ['Holloway', 'Nowak', 'Begum', 'Fletcher', 'Adeyemi', 'Walsh', 'Khan', 'Murray', 'Patel', 'Lewis'];
const POSTCODES = ['LS6 1AN', 'LS6 2BQ', 'LS7 3HB', 'LS8 1PZ', 'LS9 6DR', 'LS11 5TD', 'LS12 3JP', 'LS4 2AU', 'LS3 1HL', 'LS5 3BT'];

/** Valid NHS numbers from the 999 range, which is never issued to real people. */
export function demoNhsNumbers(count: number): string[] {
  const numbers: string[] = [];
  for (let prefix = 999_100_001; numbers.length < count; prefix += 7) {
    const check = nhsCheckDigit(String(prefix));
    if (check !== null) numbers.push(`${prefix}${check}`);
  }
  return numbers;
}

async function seedWith(ds: DataSource, password: string): Promise<number> {
  for (const org of ORGANISATIONS) {
    await ds.query(`INSERT INTO organisation (id, type, name, ods_code) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
      org.id,
      org.type,
      org.name,
      org.odsCode,
    ]);
  }
  // argon2 is deliberately slow: hash only when a demo user is missing, not on every start.
  const existing: { email: string }[] = await ds.query('SELECT lower(email) AS email FROM app_user WHERE lower(email) = ANY($1)', [
    USERS.map((u) => u.email),
  ]);
  const missing = USERS.filter((u) => !existing.some((e) => e.email === u.email));
  const hash = missing.length ? await hashPassword(password) : '';
  let created = 0;
  for (const user of missing) {
    const rows: unknown[] = await ds.query(
      `INSERT INTO app_user (organisation_id, email, name, role, discipline, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [user.org, user.email, user.name, user.role, user.discipline, hash],
    );
    created += rows.length;
  }
  const nhsNumbers = demoNhsNumbers(20);
  for (let i = 0; i < nhsNumbers.length; i += 1) {
    const needsInterpreter = i % 7 === 3;
    const format = i % 6 === 2 ? 'large-print' : i % 9 === 4 ? 'easy-read' : 'standard';
    const support = i % 8 === 5 ? ['bsl-interpreter'] : [];
    await ds.query(
      `INSERT INTO patient (service_id, nhs_number, given_name, family_name, date_of_birth, postcode, phone, email,
                            gp_practice_id, communication_format, communication_support, interpreter_language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ON CONSTRAINT patient_service_nhs_number_key DO NOTHING`,
      [
        DEMO.service,
        nhsNumbers[i],
        GIVEN[i % GIVEN.length],
        FAMILY[(i * 3) % FAMILY.length],
        `${1940 + ((i * 3) % 60)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        POSTCODES[i % POSTCODES.length],
        `0113 496 ${String(1000 + i).slice(-4)}`,
        null,
        i % 2 === 0 ? DEMO.practiceA : DEMO.practiceB,
        format,
        support,
        needsInterpreter ? (i % 2 === 0 ? 'Polish' : 'Urdu') : null,
      ],
    );
  }
  return created;
}

/**
 * Idempotent demo data: one pain service, two GP practices, two VCS
 * organisations, a user per role and 20 patients. The password comes from
 * SEED_PASSWORD or is generated, and is printed only when users are created.
 */
export async function seedDemo(databaseUrl: string, seedPassword: string | undefined, say: (line: string) => void): Promise<void> {
  const password = seedPassword ?? randomBytes(12).toString('base64url');
  const ds = await createDataSource(databaseUrl).initialize();
  try {
    const created = await seedWith(ds, password);
    if (created > 0) {
      say(`demo users created: ${USERS.map((u) => u.email).join(', ')}`);
      say(seedPassword ? 'demo password: the value of SEED_PASSWORD' : `demo password (shown once): ${password}`);
    }
  } finally {
    await ds.destroy();
  }
}
