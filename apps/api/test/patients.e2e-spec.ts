import { bearer, createPatient, createTestApp, createWorld, login, nextNhsNumber, TestApp, World } from '@carepath/testing';

describe('patients (e2e)', () => {
  let t: TestApp;
  let w: World;
  const tokens: Record<string, string> = {};

  const auditRows = (patientId: string) =>
    t.dataSource.query(
      `SELECT actor_user_id, actor_role, actor_organisation_id, entity_type, entity_id, patient_id, action, outcome, request_id
         FROM audit_event WHERE patient_id = $1 OR entity_id = $1 ORDER BY id`,
      [patientId],
    ) as Promise<Record<string, unknown>[]>;

  const validBody = (overrides: Record<string, unknown> = {}) => ({
    nhsNumber: nextNhsNumber(),
    givenName: 'Margaret',
    familyName: 'Holloway',
    dateOfBirth: '1958-06-14',
    postcode: 'ls6  1an',
    gpPracticeId: w.practiceA,
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
    for (const key of ['admin', 'clinician', 'manager', 'gpA', 'gpB', 'sp'] as const) {
      tokens[key] = (await login(t.http, w[key].email)).accessToken;
    }
  });
  afterAll(() => t.close());

  describe('registering', () => {
    it('stores the NHS number as 10 digits, shows it grouped, and normalises the postcode', async () => {
      const nhs = nextNhsNumber();
      const grouped = `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
      const res = await t.http
        .post('/api/v1/patients')
        .set(bearer(tokens.admin))
        .send(
          validBody({
            nhsNumber: grouped,
            communicationNeeds: { format: 'large-print', support: ['bsl-interpreter'], interpreterLanguage: 'Polish' },
          }),
        )
        .expect(201);
      expect(res.body).toMatchObject({
        nhsNumber: nhs,
        nhsNumberFormatted: grouped,
        postcode: 'LS6 1AN',
        dateOfBirth: '1958-06-14',
        serviceId: w.service,
        gpPracticeId: w.practiceA,
        communicationNeeds: { format: 'large-print', support: ['bsl-interpreter'], interpreterLanguage: 'Polish' },
        flags: { interpreterNeeded: true, accessibilityNeeds: true },
        version: 1,
      });
      const audit = await auditRows(res.body.id);
      expect(audit).toEqual([expect.objectContaining({ action: 'create', outcome: 'allowed', actor_user_id: w.admin.id })]);
    });

    it('defaults communication needs to standard with no flags', async () => {
      const res = await t.http.post('/api/v1/patients').set(bearer(tokens.clinician)).send(validBody()).expect(201);
      expect(res.body.communicationNeeds).toEqual({ format: 'standard', support: [], interpreterLanguage: null });
      expect(res.body.flags).toEqual({ interpreterNeeded: false, accessibilityNeeds: false });
    });

    it('refuses a second patient with the same NHS number (409) and changes nothing', async () => {
      const body = validBody();
      const first = await t.http.post('/api/v1/patients').set(bearer(tokens.admin)).send(body).expect(201);
      const again = await t.http
        .post('/api/v1/patients')
        .set(bearer(tokens.admin))
        .send({ ...body, givenName: 'Other' })
        .expect(409);
      expect(again.body).toMatchObject({ code: 'PATIENT_EXISTS', details: { patientId: first.body.id } });
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM patient WHERE nhs_number = $1', [body.nhsNumber]);
      expect(count).toBe(1);
    });

    it('a bad NHS check digit is a 422 and nothing is stored', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS count FROM patient');
      const res = await t.http
        .post('/api/v1/patients')
        .set(bearer(tokens.admin))
        .send(validBody({ nhsNumber: '9434765918' }))
        .expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'INVALID_NHS_NUMBER' });
      expect(await t.dataSource.query('SELECT count(*)::int AS count FROM patient')).toEqual(before);
    });

    it('an unknown GP practice is a 422 (a VCS organisation is not a practice)', async () => {
      const res = await t.http
        .post('/api/v1/patients')
        .set(bearer(tokens.admin))
        .send(validBody({ gpPracticeId: w.vcs }))
        .expect(422);
      expect(res.body.code).toBe('UNKNOWN_PRACTICE');
    });

    it('a date of birth in the future is a 422', async () => {
      const res = await t.http
        .post('/api/v1/patients')
        .set(bearer(tokens.admin))
        .send(validBody({ dateOfBirth: '2030-01-01' }))
        .expect(422);
      expect(res.body.code).toBe('DATE_OF_BIRTH_IN_FUTURE');
    });

    it.each([
      ['unknown field', { hobby: 'chess' }, 'hobby'],
      ['nine-digit NHS number', { nhsNumber: '123456789' }, 'nhsNumber'],
      ['malformed postcode', { postcode: 'NOT A POSTCODE' }, 'postcode'],
      ['impossible date', { dateOfBirth: '1958-02-30' }, 'dateOfBirth'],
      ['over-long name', { familyName: 'x'.repeat(101) }, 'familyName'],
      ['wrong type', { givenName: 42 }, 'givenName'],
      ['bad practice id', { gpPracticeId: 'practice-a' }, 'gpPracticeId'],
      ['unknown communication format', { communicationNeeds: { format: 'smoke-signals' } }, 'communicationNeeds.format'],
      ['unknown nested field', { communicationNeeds: { colour: 'blue' } }, 'communicationNeeds.colour'],
    ])('%s is a 400 naming the field', async (_, overrides, field) => {
      const res = await t.http.post('/api/v1/patients').set(bearer(tokens.admin)).send(validBody(overrides)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('GPs, service managers and social prescribers cannot register patients', async () => {
      for (const who of ['gpA', 'manager', 'sp']) {
        await t.http.post('/api/v1/patients').set(bearer(tokens[who])).send(validBody()).expect(403);
      }
    });
  });

  describe('who sees whom', () => {
    let patientA: string;
    let patientB: string;

    beforeAll(async () => {
      patientA = await createPatient(t.dataSource, w.service, w.practiceA);
      patientB = await createPatient(t.dataSource, w.service, w.practiceB);
    });

    it('GP A reading a practice-B patient gets 404, and the attempt is audited as denied', async () => {
      const res = await t.http
        .get(`/api/v1/patients/${patientB}`)
        .set(bearer(tokens.gpA))
        .set('X-Request-Id', 'gp-a-probe-0001')
        .expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'PATIENT_NOT_FOUND', message: 'Patient not found', requestId: 'gp-a-probe-0001' });
      const audit = await auditRows(patientB);
      expect(audit).toEqual([
        {
          actor_user_id: w.gpA.id,
          actor_role: 'gp',
          actor_organisation_id: w.practiceA,
          entity_type: 'Patient',
          entity_id: patientB,
          patient_id: patientB,
          action: 'read',
          outcome: 'denied',
          request_id: 'gp-a-probe-0001',
        },
      ]);
    });

    it('a patient that does not exist gives the same 404 as one that is not yours', async () => {
      const res = await t.http.get('/api/v1/patients/00000000-0000-4000-8000-000000000000').set(bearer(tokens.gpA)).expect(404);
      expect(res.body.code).toBe('PATIENT_NOT_FOUND');
      expect(res.body.message).toBe('Patient not found');
    });

    it("GP A reads their own practice's patient; exactly one audit row per read", async () => {
      const before = (await auditRows(patientA)).length;
      const res = await t.http.get(`/api/v1/patients/${patientA}`).set(bearer(tokens.gpA)).expect(200);
      expect(res.body.id).toBe(patientA);
      const after = await auditRows(patientA);
      expect(after.length).toBe(before + 1);
      expect(after[after.length - 1]).toMatchObject({ actor_user_id: w.gpA.id, action: 'read', outcome: 'allowed', patient_id: patientA });
      await t.http.get(`/api/v1/patients/${patientA}`).set(bearer(tokens.clinician)).expect(200);
      expect((await auditRows(patientA)).length).toBe(before + 2);
    });

    it('lists are filtered in SQL: each GP sees only their practice, the service sees both', async () => {
      const listIds = async (token: string) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
            .get('/api/v1/patients')
            .query({ limit: 2, ...(cursor ? { cursor } : {}) })
            .set(bearer(token))
            .expect(200);
          ids.push(...res.body.items.map((p: { id: string }) => p.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        return ids;
      };
      const a = await listIds(tokens.gpA);
      const b = await listIds(tokens.gpB);
      const service = await listIds(tokens.clinician);
      expect(a).toContain(patientA);
      expect(a).not.toContain(patientB);
      expect(b).toContain(patientB);
      expect(b).not.toContain(patientA);
      expect(service).toEqual(expect.arrayContaining([patientA, patientB]));
      const practiceOf: { id: string; gp_practice_id: string }[] = await t.dataSource.query('SELECT id, gp_practice_id FROM patient');
      const inA = practiceOf.filter((p) => p.gp_practice_id === w.practiceA).map((p) => p.id);
      expect(a.sort()).toEqual(inA.sort());
      expect(new Set(service).size).toBe(practiceOf.length);
    });

    it('every patient in a list is audited once', async () => {
      const res = await t.http.get('/api/v1/patients').query({ limit: 100 }).set(bearer(tokens.gpB)).expect(200);
      const requestId = res.headers['x-request-id'];
      const rows: { patient_id: string; action: string }[] = await t.dataSource.query(
        'SELECT patient_id, action FROM audit_event WHERE request_id = $1',
        [requestId],
      );
      expect(rows.map((r) => r.patient_id).sort()).toEqual(res.body.items.map((p: { id: string }) => p.id).sort());
      expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['list']));
    });

    it('finds a patient by NHS number (with spaces) and by name', async () => {
      const [{ nhs_number: nhs }] = await t.dataSource.query('SELECT nhs_number FROM patient WHERE id = $1', [patientA]);
      const byNhs = await t.http
        .get('/api/v1/patients')
        .query({ nhsNumber: `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}` })
        .set(bearer(tokens.admin))
        .expect(200);
      expect(byNhs.body.items.map((p: { id: string }) => p.id)).toEqual([patientA]);
      const byName = await t.http.get('/api/v1/patients').query({ name: 'holl' }).set(bearer(tokens.admin)).expect(200);
      expect(byName.body.items.length).toBeGreaterThan(0);
      expect(byName.body.items.every((p: { familyName: string }) => p.familyName === 'Holloway')).toBe(true);
    });

    it('a social prescriber sees no patients through this API, and the attempt is audited', async () => {
      await t.http.get('/api/v1/patients').set(bearer(tokens.sp)).expect(403);
      await t.http.get(`/api/v1/patients/${patientA}`).set(bearer(tokens.sp)).expect(403);
      const rows = await t.dataSource.query(
        `SELECT entity_type, patient_id, action, outcome FROM audit_event WHERE actor_user_id = $1 AND action = 'read' ORDER BY id`,
        [w.sp.id],
      );
      expect(rows).toEqual([
        { entity_type: 'Patient', patient_id: null, action: 'read', outcome: 'denied' },
        { entity_type: 'Patient', patient_id: patientA, action: 'read', outcome: 'denied' },
      ]);
    });

    it('a GP cannot change a patient, even one of their own practice', async () => {
      await t.http.patch(`/api/v1/patients/${patientA}`).set(bearer(tokens.gpA)).send({ version: 1, givenName: 'X' }).expect(403);
    });

    it('a tampered cursor is a 400, not a 500', async () => {
      const bad = Buffer.from(JSON.stringify(['a', 'b', 'not-a-uuid'])).toString('base64url');
      const res = await t.http.get('/api/v1/patients').query({ cursor: bad }).set(bearer(tokens.admin)).expect(400);
      expect(res.body.code).toBe('INVALID_CURSOR');
    });
  });

  describe('changing', () => {
    it('updates with the current version, refuses a stale one (409) and leaves the record as it was', async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceA);
      const ok = await t.http
        .patch(`/api/v1/patients/${id}`)
        .set(bearer(tokens.clinician))
        .send({ version: 1, postcode: 'ls7 3hb', phone: '0113 496 0000' })
        .expect(200);
      expect(ok.body).toMatchObject({ postcode: 'LS7 3HB', phone: '0113 496 0000', version: 2 });
      const stale = await t.http
        .patch(`/api/v1/patients/${id}`)
        .set(bearer(tokens.clinician))
        .send({ version: 1, givenName: 'Changed' })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const [row] = await t.dataSource.query('SELECT given_name, version FROM patient WHERE id = $1', [id]);
      expect(row).toEqual({ given_name: 'Test', version: 2 });
    });

    it('moving a patient to an unknown practice is a 422', async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceA);
      const res = await t.http
        .patch(`/api/v1/patients/${id}`)
        .set(bearer(tokens.admin))
        .send({ version: 1, gpPracticeId: w.vcs })
        .expect(422);
      expect(res.body.code).toBe('UNKNOWN_PRACTICE');
    });

    it('a change of communication needs writes one outbox event with ids only, in the same transaction', async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceA);
      await t.http
        .patch(`/api/v1/patients/${id}`)
        .set(bearer(tokens.clinician))
        .send({ version: 1, communicationNeeds: { interpreterLanguage: 'Urdu' } })
        .expect(200);
      const events = await t.dataSource.query('SELECT type, aggregate_id, payload FROM outbox_event WHERE aggregate_id = $1', [id]);
      expect(events).toEqual([
        { type: 'patient.communication-needs-changed', aggregate_id: id, payload: { patientId: id, changedByUserId: w.clinician.id } },
      ]);
      // a change that leaves the needs as they were raises nothing
      await t.http.patch(`/api/v1/patients/${id}`).set(bearer(tokens.clinician)).send({ version: 2, phone: '0113 496 1111' }).expect(200);
      await t.http
        .patch(`/api/v1/patients/${id}`)
        .set(bearer(tokens.clinician))
        .send({ version: 3, communicationNeeds: { interpreterLanguage: 'Urdu' } })
        .expect(200);
      expect(await t.dataSource.query('SELECT 1 FROM outbox_event WHERE aggregate_id = $1', [id])).toHaveLength(1);
      // a refused change writes no event
      await t.http
        .patch(`/api/v1/patients/${id}`)
        .set(bearer(tokens.clinician))
        .send({ version: 1, communicationNeeds: { format: 'braille' } })
        .expect(409);
      expect(await t.dataSource.query('SELECT 1 FROM outbox_event WHERE aggregate_id = $1', [id])).toHaveLength(1);
    });
  });

  describe('consent to share', () => {
    it('is given for a VCS organisation, listed, and withdrawn once', async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceA);
      const given = await t.http
        .post(`/api/v1/patients/${id}/consents`)
        .set(bearer(tokens.clinician))
        .send({ organisationId: w.vcs, purpose: 'Handoff to a walking group' })
        .expect(201);
      expect(given.body).toMatchObject({ patientId: id, organisationId: w.vcs, active: true, givenByUserId: w.clinician.id, version: 1 });
      const dup = await t.http
        .post(`/api/v1/patients/${id}/consents`)
        .set(bearer(tokens.clinician))
        .send({ organisationId: w.vcs, purpose: 'again' })
        .expect(409);
      expect(dup.body.code).toBe('CONSENT_ALREADY_ACTIVE');
      const listed = await t.http.get(`/api/v1/patients/${id}/consents`).set(bearer(tokens.admin)).expect(200);
      expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([given.body.id]);
      const withdrawn = await t.http
        .post(`/api/v1/patients/${id}/consents/${given.body.id}/withdraw`)
        .set(bearer(tokens.admin))
        .send({ version: 1 })
        .expect(200);
      expect(withdrawn.body).toMatchObject({ active: false, withdrawnByUserId: w.admin.id, version: 2 });
      const twice = await t.http
        .post(`/api/v1/patients/${id}/consents/${given.body.id}/withdraw`)
        .set(bearer(tokens.admin))
        .send({ version: 2 })
        .expect(409);
      expect(twice.body.code).toBe('CONSENT_ALREADY_WITHDRAWN');
      // after withdrawal a new consent may be given
      await t.http
        .post(`/api/v1/patients/${id}/consents`)
        .set(bearer(tokens.clinician))
        .send({ organisationId: w.vcs, purpose: 'renewed' })
        .expect(201);
    });

    it('consent must name a VCS organisation', async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceA);
      const res = await t.http
        .post(`/api/v1/patients/${id}/consents`)
        .set(bearer(tokens.clinician))
        .send({ organisationId: w.practiceA, purpose: 'x' })
        .expect(422);
      expect(res.body.code).toBe('UNKNOWN_VCS_ORGANISATION');
    });

    it('GPs cannot record consent', async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceA);
      await t.http
        .post(`/api/v1/patients/${id}/consents`)
        .set(bearer(tokens.gpA))
        .send({ organisationId: w.vcs, purpose: 'x' })
        .expect(403);
    });
  });

  describe('access log', () => {
    it('lists everyone who accessed the record, newest first, including refused attempts', async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceB);
      await t.http.get(`/api/v1/patients/${id}`).set(bearer(tokens.clinician)).expect(200);
      await t.http.get(`/api/v1/patients/${id}`).set(bearer(tokens.gpA)).expect(404);
      await t.http.get(`/api/v1/patients/${id}`).set(bearer(tokens.gpB)).expect(200);
      const res = await t.http.get(`/api/v1/patients/${id}/access-log`).set(bearer(tokens.manager)).expect(200);
      expect(res.body.items.map((e: { actorUserId: string; outcome: string }) => [e.actorUserId, e.outcome])).toEqual([
        [w.gpB.id, 'allowed'],
        [w.gpA.id, 'denied'],
        [w.clinician.id, 'allowed'],
      ]);
      expect(res.body.items[0]).toMatchObject({ actorRole: 'gp', actorName: 'Test gp', entityType: 'Patient', action: 'read' });
    });

    it("is for the service's admins and managers only", async () => {
      const id = await createPatient(t.dataSource, w.service, w.practiceA);
      await t.http.get(`/api/v1/patients/${id}/access-log`).set(bearer(tokens.admin)).expect(200);
      await t.http.get(`/api/v1/patients/${id}/access-log`).set(bearer(tokens.clinician)).expect(403);
      await t.http.get(`/api/v1/patients/${id}/access-log`).set(bearer(tokens.gpA)).expect(403);
    });
  });
});
