// fast-check arbitraries derived from a route's own JSON schema (as the OpenAPI document gives it:
// TypeBox's output with `nullable`), so a route added later is fuzzed without anyone writing its
// generator: `validValue` yields values the schema accepts, `invalidValue` values it refuses or
// that are hostile anyway (injection strings, NUL bytes, lone surrogates, deep nesting, numbers
// out of range, wrong types), placed anywhere in an otherwise valid value.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  propertyNames?: JsonSchema;
  minProperties?: number;
  maxProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

export interface ArbitraryContext {
  /** Ids of real rows (pools, endpoints, states, operations) to use for `uuid` values. */
  ids: readonly string[];
}

/** Strings no field should choke on: injection, traversal, control and odd unicode. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE pools; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(10); --',
  "') UNION SELECT key_hash FROM api_keys --",
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/shadow',
  'a\u0000b',
  '\u0000',
  '%00',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '𝕊𝕠𝕞𝕖 ☃ 日本語 🏳️‍🌈',
  'e\u0301\u0301\u0301',
  '\r\nX-Injected: yes',
  '\t \n',
  '',
  ' ',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '0x7fffffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '9'.repeat(400),
];

/** A string of `n` characters mixing ASCII, multi-byte and astral characters. */
function hugeString(n: number): string {
  return 'aé𝕊'.repeat(Math.ceil(n / 4)).slice(0, n);
}

/** Arrays (or objects) nested `depth` deep. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.integer({ min: 256, max: 70_000 }).map(hugeString) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\ufeff', '\ufffe', '%', '/', '\\', '.', "'", '"', ';'),
      maxLength: 20,
    }),
  },
);

/** Any value a schema-typed field might be handed instead of what it wants. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      -1,
      0,
      -0,
      1.5,
      2 ** 31,
      2 ** 53,
      2 ** 64,
      -(2 ** 63),
      1e308,
      -1e308,
      Number.MIN_VALUE,
      true,
      false,
      null,
      [],
      {},
      [null],
      { '': null },
      { __proto__x: 1 },
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 400 }).chain((d) => fc.constantFrom(nested(d, 'array'), nested(d, 'object'))) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** The pattern without lookaround groups, which fast-check cannot generate from (filtered after). */
function generatable(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      out += pattern.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (pattern.startsWith('(?!', i) || pattern.startsWith('(?=', i) || pattern.startsWith('(?<!', i) || pattern.startsWith('(?<=', i)) {
      let depth = 0;
      for (; i < pattern.length; i++) {
        if (pattern[i] === '\\') i += 1;
        else if (pattern[i] === '(') depth += 1;
        else if (pattern[i] === ')' && --depth === 0) break;
      }
      continue;
    }
    out += pattern[i];
  }
  return out;
}

function stringArb(s: JsonSchema, ctx: ArbitraryContext): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 64, Math.max(min, 64));
  if (s.format === 'uuid')
    return ctx.ids.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ctx.ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  if (s.format === 'date-time')
    return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const gen = fc.stringMatching(new RegExp(generatable(s.pattern)));
    return gen
      .map((x) => (x.length > max ? x.slice(0, max) : x))
      .filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity) && re.test(x));
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }).filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity));
}

function types(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties || s.additionalProperties || s.patternProperties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

/** Values `s` accepts (as far as a generator can tell; the server's answer is checked anyway). */
export function validValue(s: JsonSchema, ctx: ArbitraryContext, depth = 0): fc.Arbitrary<unknown> {
  const base = validBase(s, ctx, depth);
  return s.nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
}

function validBase(s: JsonSchema, ctx: ArbitraryContext, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((u) => validValue(u, ctx, depth)));
  if (s.allOf) return validValue(Object.assign({}, ...s.allOf), ctx, depth);
  const t = types(s);
  if (t.length > 1) return fc.oneof(...t.map((type) => validValue({ ...s, type }, ctx, depth)));
  switch (t[0]) {
    case 'string':
      return stringArb(s, ctx);
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
      return fc.oneof(fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? validValue(s.items, ctx, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      return fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, Math.max(s.minItems ?? 0, depth > 1 ? 2 : 4)) });
    }
    case 'object':
      return objectArb(s, ctx, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArb(s: JsonSchema, ctx: ArbitraryContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = s.required ?? [];
  const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validValue(v, ctx, depth + 1)])), {
    requiredKeys: required.filter((k) => k in props),
  }) as fc.Arbitrary<Record<string, unknown>>;
  const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : null;
  let arb: fc.Arbitrary<Record<string, unknown>> = record;
  if (extra) {
    const keys = s.propertyNames ? stringArb({ type: 'string', ...s.propertyNames }, ctx) : fc.string({ minLength: 1, maxLength: 20 });
    const dict = fc.dictionary(keys, validValue(extra, ctx, depth + 1), { maxKeys: depth > 1 ? 2 : 4, minKeys: s.minProperties ?? 0 });
    arb = fc.tuple(record, dict).map(([a, b]) => ({ ...b, ...a }));
  }
  const minProps = s.minProperties ?? 0;
  return minProps > 0 ? arb.filter((o) => Object.keys(o).length >= minProps) : arb;
}

type Path = (string | number)[];

/** Every position inside `v` (the root too) where a value can be replaced, added or removed. */
function positions(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (out.length > 200) return out;
  if (Array.isArray(v)) v.forEach((x, i) => positions(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) positions(x, [...at, k], out);
  return out;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function replaceAt(root: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of at.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[at[at.length - 1] as string | number] = value;
  return copy;
}

function removeAt(root: unknown, at: Path): unknown {
  if (at.length === 0) return undefined;
  const copy = clone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of at.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = at[at.length - 1] as string | number;
  if (Array.isArray(cur)) cur.splice(last as number, 1);
  else delete cur[last];
  return copy;
}

function addUnknown(root: unknown, at: Path, value: unknown, key: string): unknown {
  const copy = clone(root);
  let cur = copy as Record<string | number, unknown>;
  for (const k of at) cur = cur[k] as Record<string | number, unknown>;
  if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) cur[key] = value;
  return copy;
}

/** A valid value of `s` made wrong at one place: replaced, removed, or given an unknown key. */
export function invalidValue(s: JsonSchema, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      validValue(s, ctx),
      fc.nat(),
      hostileValue,
      fc.constantFrom('replace', 'replace', 'replace', 'remove', 'add'),
      fc.constantFrom('unknown_field', '__proto__', 'constructor', '', 'a\u0000b'),
    )
    .map(([v, pick, bad, how, key]) => {
      const all = positions(v);
      const at = all[pick % all.length] ?? [];
      if (how === 'remove') return removeAt(v, at);
      if (how === 'add') return addUnknown(v, at, bad, key);
      return replaceAt(v, at, bad);
    });
}
