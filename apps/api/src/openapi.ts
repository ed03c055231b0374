import { z } from 'zod';
import type { Route } from './routes/route';

type JsonSchema = Record<string, unknown>;

/** Shared definitions lifted out of body schemas; OpenAPI resolves `$ref`s from the document root, not the schema. */
type Components = Map<string, { name: string; schema: JsonSchema }>;
let components: Components = new Map();

/** A zod schema as JSON Schema: as a client sends it (`input`: defaults optional) or as the API answers (`output`). */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  if (!$defs) return rest;
  // Recursive schemas (condition groups) come with local `$defs`: move each into components and point the refs there.
  const renames = new Map<string, string>();
  for (const [local, definition] of Object.entries($defs as Record<string, JsonSchema>)) {
    const key = JSON.stringify(definition);
    const known = components.get(key) ?? { name: `Def${components.size + 1}`, schema: definition };
    components.set(key, known);
    renames.set(`#/$defs/${local}`, `#/components/schemas/${known.name}`);
  }
  const rewrite = (text: string) => text.replace(/"#\/\$defs\/[^"]+"/g, (ref) => JSON.stringify(renames.get(JSON.parse(ref) as string) ?? JSON.parse(ref)));
  for (const entry of components.values()) entry.schema = JSON.parse(rewrite(JSON.stringify(entry.schema))) as JsonSchema;
  return JSON.parse(rewrite(JSON.stringify(rest))) as JsonSchema;
};

/** `/api/runs/:workflowId{.+}` → `/api/runs/{workflowId}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'a stable code, e.g. invalid_request, unauthorized, csrf, forbidden, not_found, rate_limited' },
    message: { type: 'string' },
    issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] } },
  },
};

const errorResponses: Record<string, string> = {
  '400': 'invalid input (invalid_request, invalid_json, too_deep, …)',
  '401': 'not signed in, or a bad token / write key',
  '403': 'signed in, but not allowed (forbidden) or missing the CSRF token (csrf)',
  '404': 'not found',
  '409': 'conflicts with the current state',
  '413': 'request body too large',
  '422': 'valid input that cannot be acted on (e.g. an invalid journey)',
  '429': 'rate limited; see Retry-After',
  '502': 'a service the API relies on failed (the mail catcher of GET /api/outbox)',
  '503': 'the database is busy; see Retry-After',
};

function security(route: Route): Record<string, string[]>[] {
  switch (route.role) {
    case 'public':
      return [];
    case 'writeKey':
      return [{ writeKey: [] }];
    case 'viewer':
    case 'marketer':
    case 'admin':
      return [{ sessionCookie: [], csrfToken: [] }, { bearerToken: [] }];
    default: {
      const unknown: never = route.role;
      throw new Error(`unknown role ${String(unknown)}`);
    }
  }
}

function parameters(route: Route): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (object.required ?? []).includes(name), schema: property });
    }
  }
  return list;
}

/** The success answer: no body (204, 302), a JSON body described by the route's response schema, or text. */
function success(route: Route): JsonSchema {
  const { status, type = 'application/json', schema } = route.ok;
  if (status === 204 || status === 302) return { description: status === 204 ? 'done' : 'redirect' };
  if (type !== 'application/json') return { description: 'ok', content: { [type]: { schema: { type: 'string' } } } };
  // Every JSON route has a schema (openapi.test.ts checks); `{}` keeps the document whole until one is added.
  if (!schema) return { description: 'ok', content: { 'application/json': { schema: {} } } };
  return { description: schema.description ?? 'ok', content: { 'application/json': { schema: jsonSchema(schema, 'output') } } };
}

function operation(route: Route): JsonSchema {
  const ok = success(route);
  const errors = Object.fromEntries(Object.entries(errorResponses).map(([status, description]) => [status, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
  const body = route.body
    // An empty body reads as `{}`: a body is required only where `{}` is refused (POST /api/write-keys takes none).
    ? { requestBody: { required: !route.body.safeParse({}).success, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
    : {};
  return {
    operationId: `${route.method.toLowerCase()} ${route.path}`.replace(/[^A-Za-z0-9]+/g, '_'),
    summary: route.summary,
    tags: [route.tag],
    'x-role': route.role,
    security: security(route),
    parameters: parameters(route),
    ...body,
    responses: { [String(route.ok.status)]: ok, ...errors },
  };
}

/** The OpenAPI 3.1 document of the route table: every route with its schemas, auth and error answers. */
export function openApiDocument(table: readonly Route[], serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  components = new Map();
  for (const route of table) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Lifecycle API', version: '1.0.0', description: 'Customer-lifecycle journeys: ingest (Segment-shaped, write keys) and management (session or API token).' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: errorBody, ...Object.fromEntries([...components.values()].map(({ name, schema }) => [name, schema])) },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'lifecycle_session', description: 'set by POST /api/session' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'required with the session cookie on POST/PUT/PATCH/DELETE' },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'an API token (lc_…) from POST /api/tokens' },
        writeKey: { type: 'http', scheme: 'basic', description: 'the write key as the username, empty password (ingest only)' },
      },
    },
  };
}
