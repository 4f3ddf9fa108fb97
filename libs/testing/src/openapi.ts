import TestAgent from 'supertest/lib/agent';

/** The parts of an OpenAPI 3 schema the proof suites read. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  method: string;
  /** `/api/v1/patients/{id}` as documented. */
  path: string;
  key: string;
  parameters: Parameter[];
  /** The JSON request body's schema, with its $ref resolved. */
  body?: Schema;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the app's own /openapi.json, with a resolver for its schemas. */
export async function openApiOperations(http: TestAgent): Promise<{ operations: Operation[]; resolve: (schema: Schema) => Schema }> {
  const document = (await http.get('/openapi.json').expect(200)).body as OpenApiDocument;
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const json = operation.requestBody?.content['application/json']?.schema;
        return {
          method,
          path,
          key: `${method.toUpperCase()} ${path}`,
          parameters: operation.parameters ?? [],
          body: json ? resolve(json) : undefined,
        };
      }),
  );
  return { operations, resolve };
}

/**
 * A plausible value for a schema (its example, first enum value, a date, a one-item array…), with `pick` deciding
 * by property name first (to fill ids with chosen records). Objects carry their required properties only.
 */
export function sampleValue(
  schema: Schema,
  resolve: (schema: Schema) => Schema,
  pick: (name: string) => unknown = () => undefined,
  name = '',
): unknown {
  const picked = pick(name);
  if (picked !== undefined) return picked;
  const s = resolve(schema.oneOf ? schema.oneOf[0] : schema);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.properties || s.type === 'object') {
    const value: Record<string, unknown> = {};
    for (const key of s.required ?? []) value[key] = sampleValue(s.properties?.[key] ?? {}, resolve, pick, key);
    return value;
  }
  switch (s.type) {
    case 'array':
      return [sampleValue(s.items ?? {}, resolve, pick, name)];
    case 'number':
    case 'integer':
      return name === 'version' ? 1 : (s.minimum ?? 1);
    case 'boolean':
      return false;
    default:
      if (s.format === 'date') return '2026-03-09';
      if (s.format === 'date-time') return '2026-03-09T10:00:00Z';
      if (/email/i.test(name)) return 'probe@example.test';
      if (/Ids?$/.test(name)) return '00000000-0000-4000-8000-000000000000';
      return 'Probe text';
  }
}
