import { Controller, Get, Module } from '@nestjs/common';
import { AbilityFactory, Authenticated } from '@carepath/auth';
import { createTestApp, registeredRoutes, Route, TestApp, UNPREFIXED_ROUTE } from '@carepath/testing';

/** The only routes anyone may call without signing in. /docs and /openapi.json are served outside the router. */
const PUBLIC_ROUTES = [
  'POST /auth/login',
  'POST /auth/refresh',
  'GET /health/live',
  'GET /health/ready',
  // Open Referral UK: the directory for community partners; no patient data
  'GET /openreferral/services',
  'GET /openreferral/services/:id',
  'GET /openreferral/service_at_locations',
];
/** The only pages anyone may open without signing in. */
const PUBLIC_PAGES = ['GET /sign-in', 'POST /sign-in', 'GET /find-support', 'GET /find-support/services/:id'];

describe('route permissions (every registered route)', () => {
  let t: TestApp;
  let routes: Route[];
  let pages: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    const all = registeredRoutes(t.app);
    routes = all.filter((r) => !r.isPage);
    pages = all.filter((r) => r.isPage);
  });
  afterAll(() => t.close());

  it('finds the routes (guards against an empty walk)', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining(['GET /patients/:id', 'POST /auth/login', 'GET /notifications']));
  });

  it('every route declares a permission, or is one of the listed public routes', () => {
    const missing = routes.filter((r) => !r.isPublic && !r.permission).map((r) => r.key);
    expect(missing).toEqual([]);
    expect(
      routes
        .filter((r) => r.isPublic)
        .map((r) => r.key)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('every page declares a permission, or is one of the listed public pages', () => {
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.filter((r) => !r.isPublic && !r.permission).map((r) => r.key)).toEqual([]);
    expect(
      pages
        .filter((r) => r.isPublic)
        .map((r) => r.key)
        .sort(),
    ).toEqual([...PUBLIC_PAGES].sort());
  });

  it('every page that is not public sends a signed-out browser to sign in, and does nothing', async () => {
    for (const page of pages.filter((r) => !r.isPublic)) {
      const url = page.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.http[page.method.toLowerCase() as 'get' | 'post'](url).type('form').send({});
      expect(`${page.key} -> ${res.status} ${String(res.headers.location).split('?')[0]}`).toBe(`${page.key} -> 303 /sign-in`);
    }
  });

  it('every route names a CASL subject that a library registered', () => {
    const abilities = t.app.get(AbilityFactory);
    const unknown = [...routes, ...pages].filter((r) => r.permission && !abilities.isRegistered(r.permission.subject)).map((r) => r.key);
    expect(unknown).toEqual([]);
  });

  it('every route that is not public answers 401 without a token', async () => {
    for (const route of routes.filter((r) => !r.isPublic)) {
      const url = `/api/v1${route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000')}`;
      const res = await t.http[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url).send({});
      expect(`${route.key} -> ${res.status}`).toBe(`${route.key} -> 401`);
    }
  });

  it('every route appears in the OpenAPI document with its responses', async () => {
    const res = await t.http.get('/openapi.json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    for (const route of routes) {
      const prefix = UNPREFIXED_ROUTE.test(route.path) ? '' : '/api/v1';
      const openApiPath = `${prefix}${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      const operation = paths[openApiPath]?.[route.method.toLowerCase()];
      expect(`${route.key}: ${operation ? 'documented' : 'missing'}`).toBe(`${route.key}: documented`);
      const codes = Object.keys(operation.responses);
      expect(codes.some((c) => c.startsWith('2'))).toBe(true);
      if (!route.isPublic) expect(codes).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});

@Controller('unregistered')
class UnregisteredSubjectController {
  @Get()
  @Authenticated({ action: 'read', subject: 'Unregistered' })
  read(): void {}
}

@Module({ controllers: [UnregisteredSubjectController] })
class UnregisteredSubjectModule {}

describe('a route naming a CASL subject no library registered', () => {
  it('stops the app from starting', async () => {
    await expect(createTestApp({ modules: [UnregisteredSubjectModule] })).rejects.toThrow(
      'routes name CASL subjects no library registered: UnregisteredSubjectController.read names Unregistered',
    );
  });
});
