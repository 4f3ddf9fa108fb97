import { bearer, createTestApp, createWorld, login, TestApp, World } from '@carepath/testing';

describe('organisations (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
    admin = (await login(t.http, w.admin.email)).accessToken;
  });
  afterAll(() => t.close());

  it('an admin adds a GP practice with its ODS code and a VCS organisation', async () => {
    const practice = await t.http
      .post('/api/v1/organisations')
      .set(bearer(admin))
      .send({ type: 'gp-practice', name: 'Meadow Lane Surgery', odsCode: 'B86012' })
      .expect(201);
    expect(practice.body).toEqual({ id: expect.any(String), type: 'gp-practice', name: 'Meadow Lane Surgery', odsCode: 'B86012' });
    const vcs = await t.http.post('/api/v1/organisations').set(bearer(admin)).send({ type: 'vcs', name: 'Canal Side Tai Chi' }).expect(201);
    expect(vcs.body).toMatchObject({ type: 'vcs', odsCode: null });
  });

  it('a practice needs a well-formed, unused ODS code; pain services are not created through the API', async () => {
    const missing = await t.http
      .post('/api/v1/organisations')
      .set(bearer(admin))
      .send({ type: 'gp-practice', name: 'No Code' })
      .expect(422);
    expect(missing.body.code).toBe('ODS_CODE_REQUIRED');
    const malformed = await t.http
      .post('/api/v1/organisations')
      .set(bearer(admin))
      .send({ type: 'gp-practice', name: 'Bad', odsCode: 'b86' })
      .expect(400);
    expect(malformed.body.details.fields[0].field).toBe('odsCode');
    await t.http
      .post('/api/v1/organisations')
      .set(bearer(admin))
      .send({ type: 'gp-practice', name: 'First', odsCode: 'C81001' })
      .expect(201);
    const duplicate = await t.http
      .post('/api/v1/organisations')
      .set(bearer(admin))
      .send({ type: 'gp-practice', name: 'Second', odsCode: 'C81001' })
      .expect(409);
    expect(duplicate.body.code).toBe('ODS_CODE_TAKEN');
    await t.http.post('/api/v1/organisations').set(bearer(admin)).send({ type: 'pain-service', name: 'Another service' }).expect(400);
  });

  it('everyone signed in can read the list, filtered by type and paged; only admins add', async () => {
    const gp = (await login(t.http, w.gpA.email)).accessToken;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; type: string }[]; nextCursor: string | null } } = await t.http
        .get('/api/v1/organisations')
        .query({ type: 'gp-practice', limit: 1, ...(cursor ? { cursor } : {}) })
        .set(bearer(gp))
        .expect(200);
      expect(page.body.items.every((o) => o.type === 'gp-practice')).toBe(true);
      seen.push(...page.body.items.map((o) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM organisation WHERE type = 'gp-practice'`);
    expect(seen).toHaveLength(count);
    expect(seen).toEqual(expect.arrayContaining([w.practiceA, w.practiceB]));
    await t.http.post('/api/v1/organisations').set(bearer(gp)).send({ type: 'vcs', name: 'X' }).expect(403);
  });
});
