import { randomUUID } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { hashPassword, OrganisationType, Role } from '@carepath/auth';
import { nhsCheckDigit } from '@carepath/patients';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export async function createOrganisation(
  ds: DataSource,
  type: OrganisationType,
  name = `${type} ${randomUUID().slice(0, 8)}`,
): Promise<string> {
  const odsCode = type === 'gp-practice' ? `Y${String(Math.floor(Math.random() * 100000)).padStart(5, '0')}` : null;
  const [row]: { id: string }[] = await ds.query('INSERT INTO organisation (type, name, ods_code) VALUES ($1, $2, $3) RETURNING id', [
    type,
    name,
    odsCode,
  ]);
  return row.id;
}

export interface TestUser {
  id: string;
  email: string;
  organisationId: string;
  role: Role;
}

export async function createUser(ds: DataSource, organisationId: string, role: Role, discipline: string | null = null): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${role}.${randomUUID().slice(0, 8)}@test.carepath.test`;
  const [row]: { id: string }[] = await ds.query(
    `INSERT INTO app_user (organisation_id, email, name, role, discipline, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      organisationId,
      email,
      `Test ${role}`,
      role,
      role === 'clinician' ? (discipline ?? 'physiotherapist') : discipline,
      await passwordHash,
    ],
  );
  return { id: row.id, email, organisationId, role };
}

export async function login(
  http: TestAgent,
  email: string,
  password = TEST_PASSWORD,
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await http.post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string };
}

let nhsSequence = 999_000_000 + Math.floor(Math.random() * 9_000) * 100;
/** A fresh valid NHS number from the never-issued 999 range. */
export function nextNhsNumber(): string {
  for (;;) {
    nhsSequence += 1;
    const check = nhsCheckDigit(String(nhsSequence));
    if (check !== null) return `${nhsSequence}${check}`;
  }
}

export async function createPatient(
  ds: DataSource,
  serviceId: string,
  gpPracticeId: string,
  overrides: Partial<{ interpreterLanguage: string | null; communicationFormat: string }> = {},
): Promise<string> {
  const [row]: { id: string }[] = await ds.query(
    `INSERT INTO patient (service_id, nhs_number, given_name, family_name, date_of_birth, postcode, gp_practice_id,
                          communication_format, interpreter_language)
     VALUES ($1, $2, 'Test', 'Patient', '1970-01-01', 'LS1 4AP', $3, $4, $5) RETURNING id`,
    [serviceId, nextNhsNumber(), gpPracticeId, overrides.communicationFormat ?? 'standard', overrides.interpreterLanguage ?? null],
  );
  return row.id;
}

/** A pain service, two practices and a VCS organisation, with one user per role. */
export async function createWorld(ds: DataSource) {
  const service = await createOrganisation(ds, 'pain-service');
  const practiceA = await createOrganisation(ds, 'gp-practice');
  const practiceB = await createOrganisation(ds, 'gp-practice');
  const vcs = await createOrganisation(ds, 'vcs');
  return {
    service,
    practiceA,
    practiceB,
    vcs,
    admin: await createUser(ds, service, 'admin'),
    clinician: await createUser(ds, service, 'clinician', 'psychologist'),
    manager: await createUser(ds, service, 'service_manager'),
    gpA: await createUser(ds, practiceA, 'gp'),
    gpB: await createUser(ds, practiceB, 'gp'),
    sp: await createUser(ds, vcs, 'social_prescriber'),
  };
}
export type World = Awaited<ReturnType<typeof createWorld>>;
