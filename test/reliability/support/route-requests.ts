// Every route of the running app as the OpenAPI document describes it, and fast-check requests
// for one route built from its own schemas: path parameters, query string and body, each valid
// or hostile, under a key of one role (or none, or a forged one), with a content type that is
// usually right and sometimes not. A route added later is in the document, so it is fuzzed too.
import fc from 'fast-check';
import type { App } from '../../../src/server/app.js';
import { type ArbitraryContext, type JsonSchema, hostileString, hostileValue, invalidValue, validValue } from './schema-arbitrary.js';

export interface Parameter {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** OpenAPI path, `/api/v1/pools/{id}`. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  body: JsonSchema | null;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

/** The app's routes from its OpenAPI document (call after app.ready()). */
export function operations(app: App): Operation[] {
  const doc = app.swagger() as { paths?: Record<string, Record<string, OpenApiOperation>> };
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      if (method === 'head' || method === 'options') continue;
      const params = op.parameters ?? [];
      const pick = (where: string) =>
        params.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? where === 'path' }));
      out.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: pick('path'),
        query: pick('query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

export const KEY_ROLES = ['admin', 'read', 'endpoint', 'enroll', 'none', 'forged', 'odd'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export interface FuzzRequest {
  role: KeyRole;
  /** Authorization header for role `odd` (malformed ones). */
  oddAuth: string;
  url: string;
  contentType: string | null;
  /** Undefined: no body. */
  payload: string | Buffer | undefined;
  /** What kind of input this was, for the report's samples. */
  kind: string;
}

const ODD_AUTH = [
  'Basic YWRtaW46YWRtaW4=',
  'Bearer',
  'Bearer ',
  `Bearer ${'x'.repeat(600)}`,
  'Bearer psk_',
  "Bearer ' OR 1=1 --",
  'bearer  psk_short',
  `Bearer psk_${'A'.repeat(43)}`,
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/octet-stream',
  'APPLICATION/JSON',
  'application/jsonx',
  '*/*',
];

/** Path-parameter text that is hostile or malformed as a URL piece (already percent-encoded where needed). */
const RAW_PATH_PIECES = [
  '%',
  '%zz',
  '%00',
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%2F',
  ';',
  'a;b=c',
  '%E0%A4%A',
  '%ff',
  '%C0%AE%C0%AE',
  'x'.repeat(5000),
];

const RAW_QUERY = [
  '%',
  '%zz',
  '&&&',
  '=',
  '=x',
  'a[b]=1',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'limit=1&limit=2',
  'limit[]=1',
  'x'.repeat(9000),
  '%E0%A4%A=1',
];

/** encodeURIComponent, also for lone surrogates (as their WTF-8 bytes, which no UTF-8 decoder accepts). */
export function encodeAny(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    let out = '';
    for (const ch of s) {
      const c = ch.codePointAt(0) ?? 0;
      if (c >= 0xd800 && c <= 0xdfff)
        out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
      else out += encodeURIComponent(ch);
    }
    return out;
  }
}

function encodePathValue(v: unknown): string {
  return encodeAny(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
}

/** Ids of real rows of one kind, by the path segment or parameter naming it (pools, endpoints…). */
export interface IdsByKind {
  [kind: string]: readonly string[];
}

/** The kind of row a path or query parameter names: `/pools/{id}` → pools, `endpoint_id` → endpoints. */
function kindOf(op: Operation, p: Parameter): string {
  if (p.name === 'eid' || p.name === 'endpoint_id') return 'endpoints';
  if (p.name === 'pool_id') return 'pools';
  const m = new RegExp(`/([a-z-]+)/\\{${p.name}\\}`).exec(op.path);
  return m?.[1] ?? 'any';
}

function forParam(op: Operation, p: Parameter, ctx: ArbitraryContext & { byKind?: IdsByKind }): ArbitraryContext {
  const ids = ctx.byKind?.[kindOf(op, p)];
  return ids?.length ? { ids } : ctx;
}

function validParam(op: Operation, p: Parameter, ctx: ArbitraryContext): fc.Arbitrary<string> {
  return validValue(p.schema, forParam(op, p, ctx)).map(encodePathValue);
}

function hostileParam(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 2, arbitrary: hostileString.map(encodePathValue) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_PATH_PIECES) });
}

function queryPair(p: Parameter, v: unknown): string {
  return `${p.name}=${encodeAny(typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : (JSON.stringify(v) ?? ''))}`;
}

/** A query string the route accepts: some of its parameters, each with a valid value. */
function validQuery(op: Operation, ctx: ArbitraryContext): fc.Arbitrary<string> {
  const pairs = op.query.map((p) => {
    const value = validValue(p.schema, forParam(op, p, ctx)).map((v) => queryPair(p, v));
    return p.required ? value : fc.option(value, { freq: 2 });
  });
  return fc.tuple(...pairs).map((ps) => ps.filter((x): x is string => x !== null).join('&'));
}

/** A valid query string with one hostile part: a bad value, an unknown or repeated name, raw garbage. */
function hostileQuery(op: Operation, ctx: ArbitraryContext): fc.Arbitrary<string> {
  const bad: fc.Arbitrary<string>[] = [
    fc.constantFrom(...RAW_QUERY),
    hostileString.map((v) => `unknown=${encodeAny(v)}`),
    hostileString.map((v) => `${encodeAny(v)}=1`),
  ];
  if (op.query.length) {
    const param = fc.constantFrom(...op.query);
    bad.push(fc.tuple(param, hostileValue).map(([p, v]) => queryPair(p, v)));
    bad.push(param.map((p) => `${p.name}=`));
    bad.push(
      fc.tuple(param, fc.constantFrom('-1', '0', '1e9', '1.5', '99999999999999999999', 'true', 'null', '[]')).map(([p, v]) => `${p.name}=${v}`),
    );
    bad.push(param.map((p) => `${p.name}=1&${p.name}=2`));
  }
  return fc.tuple(validQuery(op, ctx), fc.oneof(...bad)).map(([q, b]) => (q ? `${q}&${b}` : b));
}

type Body = { payload: string | Buffer | undefined; kind: string };

function schemaOfBody(op: Operation): JsonSchema {
  return op.body ?? { type: 'object', properties: {}, additionalProperties: false };
}

/** A body the route's schema accepts, or none for a route that takes none. */
function validBody(op: Operation, ctx: ArbitraryContext): fc.Arbitrary<Body> {
  if (op.body === null) return fc.constant({ payload: undefined, kind: 'no body' });
  return validValue(op.body, ctx).map((v) => ({ payload: JSON.stringify(v), kind: 'valid body' }));
}

function hostileBody(op: Operation, ctx: ArbitraryContext): fc.Arbitrary<Body> {
  const schema = schemaOfBody(op);
  const json = (kind: string) => (v: unknown) => ({ payload: v === undefined ? undefined : JSON.stringify(v), kind });
  const options: fc.WeightedArbitrary<Body>[] = [
    { weight: 8, arbitrary: invalidValue(schema, ctx).map(json('invalid body')) },
    {
      // Duplicate keys: the same key twice with different values, valid first or last.
      weight: 2,
      arbitrary: fc.tuple(validValue(schema, ctx), hostileValue, fc.boolean()).map(([v, bad, badLast]) => {
        const text = JSON.stringify(v) ?? '{}';
        const obj = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
        const key = Object.keys(obj)[0] ?? 'name';
        const dup = `${JSON.stringify(key)}:${JSON.stringify(bad) ?? 'null'}`;
        const inner = text.startsWith('{') && text.length > 2 ? text.slice(1, -1) : `${JSON.stringify(key)}:1`;
        return { payload: badLast ? `{${inner},${dup}}` : `{${dup},${inner}}`, kind: 'duplicate keys' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(validValue(schema, ctx), fc.nat()).map(([v, n]) => ({
        payload: (JSON.stringify(v) ?? '').slice(0, n % Math.max(1, (JSON.stringify(v) ?? '').length)),
        kind: 'truncated JSON',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(10_000, 100_000, 400_000)
        .chain((d) =>
          fc.constantFrom(
            { payload: `${'['.repeat(d)}${']'.repeat(d)}`, kind: `raw nesting ${d}` },
            { payload: `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`, kind: `raw object nesting ${d}` },
          ),
        ),
    },
    // Deep but within what JSON.parse takes: the validator and the services get it, not the parser.
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 100, max: 5000 })
        .map((d) => ({ payload: `{"name":"x","settings":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`, kind: `nesting ${d}` })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 100, max: 5000 })
        .map((d) => ({ payload: `{"packages":${'['.repeat(d)}${']'.repeat(d)},"metadata":{}}`, kind: `array nesting ${d}` })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => ({ payload: Buffer.from(b), kind: 'binary body' })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"name":"\xff\xfe"}',
          '{"name":"a\\u0000b"}',
          '{"name":"\\ud800"}',
          '\ufeff{}',
          'null',
          '[]',
          '"x"',
          '1e999',
          '{"a":1e999}',
          '{"__proto__":{"admin":true}}',
          '{"constructor":{"prototype":{"x":1}}}',
        )
        .map((p) => ({ payload: p, kind: 'odd JSON' })),
    },
    { weight: 1, arbitrary: fc.constantFrom(1_100_000, 3_000_000).map((n) => ({ payload: `{"name":"${'a'.repeat(n)}"}`, kind: `oversized ${n}` })) },
  ];
  return fc.oneof(...options);
}

/** Which part of a request is hostile: none (a valid request, to reach the services), or one. */
const MODES = ['valid', 'valid', 'valid', 'params', 'query', 'body', 'body', 'content-type'] as const;

export function requestFor(op: Operation, ctx: ArbitraryContext & { byKind?: IdsByKind }): fc.Arbitrary<FuzzRequest> {
  const modes = MODES.filter((m) => m !== 'params' || op.pathParams.length > 0);
  return fc
    .constantFrom(...modes)
    .chain((mode) => {
      const params = fc.tuple(
        ...op.pathParams.map((p) => (mode === 'params' ? fc.oneof(validParam(op, p, ctx), hostileParam()) : validParam(op, p, ctx))),
      );
      if (mode === 'params' && op.pathParams.length) {
        // At least one hostile parameter.
        const i = fc.nat(op.pathParams.length - 1);
        return fc.tuple(
          fc.constant(mode),
          fc.tuple(params, i, hostileParam()).map(([ps, at, h]) => ps.map((v, j) => (j === at ? h : v))),
          validQuery(op, ctx),
          validBody(op, ctx),
          fc.constant<string | null>('application/json'),
        );
      }
      return fc.tuple(
        fc.constant(mode),
        params,
        mode === 'query' ? hostileQuery(op, ctx) : validQuery(op, ctx),
        mode === 'body' ? hostileBody(op, ctx) : validBody(op, ctx),
        mode === 'content-type' ? fc.constantFrom<string | null>(null, ...CONTENT_TYPES) : fc.constant<string | null>('application/json'),
      );
    })
    .chain(([mode, values, query, body, contentType]) =>
      fc
        .record({
          role: fc.constantFrom<KeyRole>(
            'admin',
            'admin',
            'admin',
            'admin',
            'admin',
            'admin',
            'read',
            'read',
            'endpoint',
            'endpoint',
            'endpoint',
            'enroll',
            'none',
            'forged',
            'odd',
          ),
          oddAuth: fc.constantFrom(...ODD_AUTH),
        })
        .map(({ role, oddAuth }) => {
          let i = 0;
          const path = op.path.replace(/\{\w+\}/g, () => values[i++] ?? '');
          // A wrong content type needs a body to be wrong about.
          const payload = mode === 'content-type' && body.payload === undefined ? '{}' : body.payload;
          return {
            role,
            oddAuth,
            url: query ? `${path}?${query}` : path,
            contentType: payload === undefined ? null : contentType,
            payload,
            kind: mode === 'valid' ? 'valid request' : mode === 'body' ? body.kind : `hostile ${mode}`,
          };
        }),
    );
}
