import fc from 'fast-check';
import { AbilityFactory, ActorIdentity, asSubject, ORGANISATION_TYPES, OrganisationType, Role, ROLES, scopeToSql } from '@carepath/auth';
import { createOrganisation, createPatient, createTestApp, TestApp } from '@carepath/testing';

/**
 * ARCHITECTURE.md "Access control": lists are filtered in SQL by the same rules
 * that `can()` applies to one record. For random actors, the rows the SQL scope
 * returns must be exactly the rows `can('read')` allows.
 */
describe('list scope and per-record can() agree (property)', () => {
  let t: TestApp;
  let abilities: AbilityFactory;
  const orgs: Record<OrganisationType, string[]> = { 'pain-service': [], 'gp-practice': [], vcs: [] };
  let patients: { id: string; service_id: string; gp_practice_id: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    abilities = t.app.get(AbilityFactory);
    for (const type of ORGANISATION_TYPES) {
      for (let i = 0; i < 2; i += 1) orgs[type].push(await createOrganisation(t.dataSource, type));
    }
    for (const service of orgs['pain-service']) {
      for (const practice of orgs['gp-practice']) {
        for (let i = 0; i < 3; i += 1) await createPatient(t.dataSource, service, practice);
      }
    }
    patients = await t.dataSource.query('SELECT id, service_id, gp_practice_id FROM patient');
  });
  afterAll(() => t.close());

  it('holds for every role in every kind of organisation', async () => {
    const actorArb = fc
      .record({
        role: fc.constantFrom<Role>(...ROLES),
        organisationType: fc.constantFrom<OrganisationType>(...ORGANISATION_TYPES),
        index: fc.integer({ min: 0, max: 1 }),
      })
      .map(({ role, organisationType, index }): ActorIdentity => ({
        userId: '00000000-0000-4000-8000-000000000001',
        role,
        organisationType,
        organisationId: orgs[organisationType][index],
        discipline: role === 'clinician' ? 'physiotherapist' : null,
        sessionId: '00000000-0000-4000-8000-000000000002',
      }));
    await fc.assert(
      fc.asyncProperty(actorArb, async (actor) => {
        const ability = abilities.createFor(actor);
        const params: unknown[] = [];
        const where = scopeToSql(ability, 'read', 'Patient', { serviceId: 'p.service_id', gpPracticeId: 'p.gp_practice_id' }, params);
        const rows: { id: string }[] = await t.dataSource.query(`SELECT p.id FROM patient p WHERE ${where}`, params);
        const fromSql = rows.map((r) => r.id).sort();
        const fromCan = patients
          .filter((p) => ability.can('read', asSubject('Patient', { serviceId: p.service_id, gpPracticeId: p.gp_practice_id })))
          .map((p) => p.id)
          .sort();
        expect(fromSql).toEqual(fromCan);
      }),
      { numRuns: 60 },
    );
  });

  it('a GP sees exactly their practice and a social prescriber nothing', () => {
    const gp = abilities.createFor({
      userId: 'u',
      role: 'gp',
      organisationType: 'gp-practice',
      organisationId: orgs['gp-practice'][0],
      discipline: null,
      sessionId: 's',
    });
    const visible = patients.filter((p) =>
      gp.can('read', asSubject('Patient', { serviceId: p.service_id, gpPracticeId: p.gp_practice_id })),
    );
    expect(visible.length).toBe(6);
    expect(new Set(visible.map((p) => p.gp_practice_id))).toEqual(new Set([orgs['gp-practice'][0]]));
    const sp = abilities.createFor({
      userId: 'u',
      role: 'social_prescriber',
      organisationType: 'vcs',
      organisationId: orgs.vcs[0],
      discipline: null,
      sessionId: 's',
    });
    expect(scopeToSql(sp, 'read', 'Patient', { serviceId: 'p.service_id', gpPracticeId: 'p.gp_practice_id' }, [])).toBe('FALSE');
  });
});
