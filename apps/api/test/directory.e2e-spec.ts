import { join } from 'node:path';
import { importOnspd } from '@carepath/directory';
import { bearer, createTestApp, createWorld, login, TestApp, World } from '@carepath/testing';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'onspd-sample.csv');

/** Haversine written out again here, independently of the code under test (mean Earth radius 6371.0088 km). */
function expectedKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * toRad) / 2) ** 2 +
    Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(((lon2 - lon1) * toRad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('community directory (e2e)', () => {
  let t: TestApp;
  let w: World;
  const tokens: Record<string, string> = {};

  const create = (token: string, body: Record<string, unknown>) => t.http.post('/api/v1/directory/services').set(bearer(token)).send(body);
  const entry = (name: string, postcode: string, extra: Record<string, unknown> = {}) => ({
    organisationId: w.vcs,
    name,
    description: `${name} for people living with pain`,
    categories: ['physical-activity'],
    address: `${name}, Leeds`,
    postcode,
    capacityStatus: 'open',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
    for (const key of ['admin', 'clinician', 'gpA', 'sp'] as const) tokens[key] = (await login(t.http, w[key].email)).accessToken;
  });
  afterAll(() => t.close());

  describe('the ONSPD importer', () => {
    it('imports live postcodes, skips terminated and unlocated ones, derives outcode centroids, and is idempotent', async () => {
      const progress: number[] = [];
      const first = await importOnspd(t.database.url, FIXTURE, (c) => progress.push(c.imported));
      expect(first).toEqual({ read: 7, imported: 5, skippedTerminated: 1, skippedNoLocation: 1, skippedInvalid: 0, outcodes: 4 });
      expect(progress.length).toBeGreaterThan(0);
      const second = await importOnspd(t.database.url, FIXTURE);
      expect(second.imported).toBe(5);
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM postcode');
      expect(count).toBe(5);
      const [ls6] = await t.dataSource.query(`SELECT latitude, longitude, postcodes FROM outcode_centroid WHERE outcode = 'LS6'`);
      expect(ls6.postcodes).toBe(2);
      expect(ls6.latitude).toBeCloseTo((53.81565 + 53.82247) / 2, 6);
      expect(await t.dataSource.query(`SELECT 1 FROM postcode WHERE postcode = 'LS6 9ZZ'`)).toEqual([]);
    });

    it('refuses a file that is not in ONSPD layout', async () => {
      await expect(importOnspd(t.database.url, join(__dirname, 'directory.e2e-spec.ts'))).rejects.toThrow(/not in ONSPD layout/);
    });
  });

  describe('entries and search', () => {
    beforeAll(async () => {
      await importOnspd(t.database.url, FIXTURE);
      await create(
        tokens.admin,
        entry('Park Walk', 'LS6 2BQ', { schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', text: 'Tuesdays 10:00' } }),
      ).expect(201);
      await create(
        tokens.admin,
        entry('City Tai Chi', 'LS1 4AP', { categories: ['movement-tai-chi', 'physical-activity'], schedule: { days: ['mon', 'thu'] } }),
      ).expect(201);
      await create(tokens.admin, entry('Chapeltown Peer Group', 'LS7 3HB', { categories: ['peer-support'] })).expect(201);
      await create(tokens.admin, entry('Manchester Walkers', 'M1 1AE')).expect(201);
    });

    it('sorts by distance from the postcode, within the radius, with distances that match the haversine formula', async () => {
      const res = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'ls6 1an', radiusKm: 10 })
        .set(bearer(tokens.gpA))
        .expect(200);
      const origin = { lat: 53.81565, lon: -1.5674 };
      expect(res.body.items.map((s: { name: string }) => s.name)).toEqual(['Park Walk', 'Chapeltown Peer Group', 'City Tai Chi']);
      for (const item of res.body.items) {
        expect(item.distanceKm).toBeCloseTo(expectedKm(origin.lat, origin.lon, item.latitude, item.longitude), 1);
      }
      const distances = res.body.items.map((s: { distanceKm: number }) => s.distanceKm);
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
      expect(res.body.originApproximate).toBe(false);
      const wide = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'LS6 1AN', radiusKm: 100 })
        .set(bearer(tokens.sp))
        .expect(200);
      expect(wide.body.items.map((s: { name: string }) => s.name)).toContain('Manchester Walkers');
    });

    it('filters by category, day and words; pages nearest first with a cursor', async () => {
      const taiChi = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'LS6 1AN', category: 'movement-tai-chi' })
        .set(bearer(tokens.clinician))
        .expect(200);
      expect(taiChi.body.items.map((s: { name: string }) => s.name)).toEqual(['City Tai Chi']);
      const tuesday = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'LS6 1AN', day: 'tue' })
        .set(bearer(tokens.clinician))
        .expect(200);
      expect(tuesday.body.items.map((s: { name: string }) => s.name)).toEqual(['Park Walk']);
      const words = await t.http.get('/api/v1/directory/services').query({ q: 'peer' }).set(bearer(tokens.clinician)).expect(200);
      expect(words.body.items.map((s: { name: string; distanceKm: null }) => [s.name, s.distanceKm])).toEqual([
        ['Chapeltown Peer Group', null],
      ]);
      const first = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'LS6 1AN', limit: 2 })
        .set(bearer(tokens.clinician))
        .expect(200);
      const second = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'LS6 1AN', limit: 2, cursor: first.body.nextCursor })
        .set(bearer(tokens.clinician))
        .expect(200);
      expect([...first.body.items, ...second.body.items].map((s: { name: string }) => s.name)).toEqual([
        'Park Walk',
        'Chapeltown Peer Group',
        'City Tai Chi',
      ]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('falls back to the outcode centroid for an unknown postcode in a known district; an unknown district is a 422', async () => {
      const approx = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'LS6 3QQ' })
        .set(bearer(tokens.clinician))
        .expect(200);
      expect(approx.body.originApproximate).toBe(true);
      expect(approx.body.items.length).toBeGreaterThan(0);
      const unknown = await t.http
        .get('/api/v1/directory/services')
        .query({ postcode: 'ZE1 0AA' })
        .set(bearer(tokens.clinician))
        .expect(422);
      expect(unknown.body).toMatchObject({ code: 'UNKNOWN_OUTCODE', details: { outcode: 'ZE1' } });
    });

    it.each([
      [{ postcode: 'NOT A CODE' }, 'postcode'],
      [{ postcode: 'LS6 1AN', radiusKm: 0 }, 'radiusKm'],
      [{ postcode: 'LS6 1AN', radiusKm: 201 }, 'radiusKm'],
      [{ postcode: 'LS6 1AN', radiusKm: 'far' }, 'radiusKm'],
      [{ category: 'knitting' }, 'category'],
      [{ day: 'someday' }, 'day'],
    ])('%j is a 400 naming %s', async (query, field) => {
      const res = await t.http.get('/api/v1/directory/services').query(query).set(bearer(tokens.clinician)).expect(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it("a social prescriber edits their own organisation's entries only; GPs and clinicians edit none", async () => {
      const own = await create(tokens.sp, entry('SP Walk', 'LS7 3HB', { organisationId: undefined })).expect(201);
      expect(own.body.organisationId).toBe(w.vcs);
      const otherVcs = (await t.dataSource.query(`INSERT INTO organisation (type, name) VALUES ('vcs', 'Other VCS') RETURNING id`))[0].id;
      await create(tokens.sp, entry('Not mine', 'LS7 3HB', { organisationId: otherVcs })).expect(403);
      const theirs = await create(tokens.admin, entry('Their entry', 'LS7 3HB', { organisationId: otherVcs })).expect(201);
      await t.http
        .patch(`/api/v1/directory/services/${theirs.body.id}`)
        .set(bearer(tokens.sp))
        .send({ version: 1, capacityStatus: 'full' })
        .expect(404);
      const updated = await t.http
        .patch(`/api/v1/directory/services/${own.body.id}`)
        .set(bearer(tokens.sp))
        .send({ version: 1, capacityStatus: 'waitlist' })
        .expect(200);
      expect(updated.body).toMatchObject({ capacityStatus: 'waitlist', version: 2 });
      await t.http
        .patch(`/api/v1/directory/services/${own.body.id}`)
        .set(bearer(tokens.sp))
        .send({ version: 1, capacityStatus: 'open' })
        .expect(409);
      await create(tokens.gpA, entry('x', 'LS7 3HB')).expect(403);
      await create(tokens.clinician, entry('x', 'LS7 3HB')).expect(403);
      const unknownDistrict = await create(tokens.admin, entry('Far away', 'ZE1 0AA')).expect(422);
      expect(unknownDistrict.body.code).toBe('UNKNOWN_OUTCODE');
    });
  });

  describe('Open Referral UK', () => {
    it('serves services, one service and services at locations near a postcode, publicly with CORS', async () => {
      const list = await t.http.get('/openreferral/services').query({ per_page: 2 }).expect(200);
      expect(list.headers['access-control-allow-origin']).toBe('*');
      expect(list.body).toMatchObject({ page_number: 1, size: 2, first_page: true, empty: false });
      expect(list.body.total_items).toBeGreaterThanOrEqual(4);
      const service = list.body.contents[0];
      expect(Object.keys(service).sort()).toEqual(
        [
          'contacts',
          'cost_options',
          'description',
          'email',
          'id',
          'name',
          'organization',
          'schedules',
          'service_at_locations',
          'status',
          'taxonomy_terms',
          'url',
        ].sort(),
      );
      expect(service.service_at_locations[0].location).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
      const one = await t.http.get(`/openreferral/services/${service.id}`).expect(200);
      expect(one.body.id).toBe(service.id);
      await t.http.get('/openreferral/services/00000000-0000-4000-8000-000000000000').expect(404);
      const near = await t.http.get('/openreferral/service_at_locations').query({ postcode: 'LS6 1AN', proximity: 2000 }).expect(200);
      expect(near.body.contents.map((c: { service: { name: string } }) => c.service.name)).toEqual(['Park Walk']);
      expect(near.body.contents[0].distance).toBeGreaterThan(0);
      expect(JSON.stringify(list.body)).not.toMatch(/nhs|patient/i);
    });
  });
});
