import { createTestApp, TestApp } from '@carepath/testing';

interface MediaType {
  schema?: { $ref?: string };
}
interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; schema?: { enum?: string[] } }[];
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ERROR_BODY = '#/components/schemas/ErrorBody';

/** API.md and ARCHITECTURE.md "API docs": every operation has a summary, every error response the ErrorBody schema, CSV is text/csv. */
describe('OpenAPI document (every operation)', () => {
  let t: TestApp;
  let document: Document;
  let operations: { key: string; operation: Operation }[];

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/openapi.json').expect(200)).body as Document;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
  });
  afterAll(() => t.close());

  it('finds the operations (guards against an empty walk)', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => o.key)).toEqual(expect.arrayContaining(['POST /api/v1/referrals', 'GET /health/ready']));
  });

  it('ErrorBody is a documented schema with the fields of the one error body', () => {
    const schema = document.components.schemas.ErrorBody;
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['code', 'details', 'message', 'requestId', 'statusCode']);
    expect([...(schema.required ?? [])].sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
  });

  it('every operation has a summary', () => {
    const missing = operations.filter((o) => !o.operation.summary?.trim()).map((o) => o.key);
    expect(missing).toEqual([]);
  });

  it('every error response (4xx and 5xx) uses the ErrorBody schema', () => {
    const errors = operations.flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({ at: `${key} ${status}`, content: response.content ?? {} })),
    );
    expect(errors.length).toBeGreaterThan(operations.length);
    // Errors are JSON even where the success response may be CSV.
    const other = errors.filter(
      (e) => Object.keys(e.content).join() !== 'application/json' || e.content['application/json'].schema?.$ref !== ERROR_BODY,
    );
    expect(other.map((e) => e.at)).toEqual([]);
  });

  it('every operation that answers CSV documents its success response as text/csv', () => {
    const csv = operations.filter(({ operation }) =>
      (operation.parameters ?? []).some((p) => p.in === 'query' && p.name === 'format' && p.schema?.enum?.includes('csv')),
    );
    expect(csv.map((o) => o.key)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/reports/waiting-list',
        'GET /api/v1/reports/outcomes',
        'GET /api/v1/reports/dna',
        'GET /api/v1/reports/referrals',
        'GET /api/v1/reports/handoffs',
      ]),
    );
    for (const { key, operation } of csv) {
      const content = operation.responses['200']?.content ?? {};
      expect(`${key}: ${Object.keys(content).sort().join(', ')}`).toBe(`${key}: application/json, text/csv`);
      expect(content['text/csv'].schema).toMatchObject({ type: 'string' });
    }
  });
});
