// Hostile input, part 4 of issue #16 (route-fuzz-sqlite.test.ts and route-fuzz-pg.test.ts, one
// file per engine so the two run in parallel): every route the app serves (from its own OpenAPI document,
// so a route added later is fuzzed too) gets fast-check requests derived from its schemas — valid
// and invalid bodies, query strings and path parameters, injection strings, NUL bytes, lone
// surrogates, deep nesting, duplicate keys, out-of-range numbers, wrong content types, huge and
// truncated bodies — under admin, read, endpoint and enroll keys, no key and forged ones, on
// SQLite and PostgreSQL. Never a 5xx, never a stack trace, never an answer later than the time
// bound, and after every refusal (4xx) every table has the same row count and checksum.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEndpoint, makeKey, makePool, makeState } from '../../support/api-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import type { TestDialect } from '../../support/database.js';
import { type Recorder, recorder, scaled } from '../report.js';
import { changedTables, snapshot, tableNames, type Snapshot } from './db-snapshot.js';
import { type FuzzRequest, type IdsByKind, type Operation, operations, requestFor } from './route-requests.js';

const RUNS = Number(process.env.RELIABILITY_ROUTE_RUNS ?? scaled(30, 100));
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 2 ** 31);
/** No request may take longer than this to be answered (pg_sleep injections, runaway parsing). */
const ANSWER_WITHIN_MS = 10_000;

interface Fixture {
  keys: Record<'admin' | 'read' | 'endpoint' | 'enroll', string>;
  ids: string[];
  byKind: IdsByKind;
}

async function fixture(api: TestApp, rec: Recorder): Promise<Fixture> {
  const poolA = await makePool(api);
  const poolB = await makePool(api);
  const own = await makeEndpoint(api, poolA);
  const spare = await makeEndpoint(api, null);
  const target = await makeState(api, { poolId: poolA, at: '2024-01-12T00:00:00.000Z' });
  const report = await makeState(api, { poolId: poolA, endpointId: own.id, at: '2024-01-13T00:00:00.000Z' });
  await api.db.updateTable('endpoints').set({ current_state_id: report }).where('id', '=', own.id).execute();
  const op = (await api.app.deps.services.syncs.sync(own.id, {}, 'fixture')).operation!.id;
  const read = await makeKey(api, 'read');
  const enroll = await makeKey(api, 'enroll');
  const spareKey = await makeKey(api, 'read');
  const keys = { admin: api.adminKey, read: read.key, endpoint: own.key, enroll: enroll.key };
  for (const k of [...Object.values(keys), spareKey.key]) rec.secret(k);
  // Each key's first use records it (last_used, an endpoint's last_seen; at most once a minute):
  // done here, so that the fuzzed requests' own writes are all that is left to see.
  for (const k of Object.values(keys)) await api.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${k}` } });
  const byKind = { pools: [poolA, poolB], endpoints: [own.id, spare.id], states: [target, report], operations: [op], keys: [spareKey.id] };
  return { keys, ids: Object.values(byKind).flat(), byKind };
}

function authorization(r: FuzzRequest, f: Fixture): string | undefined {
  switch (r.role) {
    case 'none':
      return undefined;
    case 'forged':
      return 'Bearer psk_forgedforgedforgedforgedforgedforgedforged';
    case 'odd':
      return r.oddAuth;
    default:
      return `Bearer ${f.keys[r.role]}`;
  }
}

function describeRequest(op: Operation, r: FuzzRequest): string {
  const payload =
    r.payload === undefined
      ? ''
      : ` ${r.contentType ?? 'no content-type'} ${String(r.payload).slice(0, 300)}` +
        (String(r.payload).length > 300 ? `… (${r.payload.length} bytes)` : '');
  return `${op.method} ${r.url.slice(0, 300)} [${r.role}, ${r.kind}]${payload}`;
}

/** The routes, read from an app's OpenAPI document once (the same on both engines). */
async function listOperations(): Promise<Operation[]> {
  const api = await createTestApp('sqlite');
  try {
    await api.app.ready();
    return operations(api.app);
  } finally {
    await api.close();
  }
}

const OPERATIONS = await listOperations();

/**
 * One app and database per engine for every route (a database each cost more than the cases on
 * PostgreSQL); each route gets a fixture of its own in it, so what one route's fuzzing deleted or
 * rotated is not another route's.
 */
async function fuzzRoute(api: TestApp, dialect: TestDialect, op: Operation, rec: Recorder): Promise<string[]> {
  const failures: string[] = [];
  {
    const f = await fixture(api, rec);
    const tables = await tableNames(api.db, dialect);
    let before: Snapshot | null = null;
    const route = `${op.method} ${op.path}`;
    const statuses: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(requestFor(op, { ids: f.ids, byKind: f.byKind }), async (r) => {
        before ??= await snapshot(api.db, tables);
        const headers: Record<string, string> = {};
        const auth = authorization(r, f);
        if (auth !== undefined) headers.authorization = auth;
        if (r.contentType !== null) headers['content-type'] = r.contentType;
        let timer: NodeJS.Timeout | undefined;
        const res = await Promise.race([
          api.app.inject({ method: op.method, url: r.url, headers, payload: r.payload }),
          new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ANSWER_WITHIN_MS))),
        ]).finally(() => clearTimeout(timer));
        rec.fuzzRoute(route);
        if (res === null) {
          rec.request(599, 'NO_ANSWER', `${describeRequest(op, r)} → no answer in ${ANSWER_WITHIN_MS} ms`);
          failures.push(`${describeRequest(op, r)} → no answer within ${ANSWER_WITHIN_MS} ms`);
          return;
        }
        rec.secretsIn(res.body);
        let code: string | undefined;
        try {
          code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        const said = `${res.statusCode} ${code ?? ''} ${res.body.slice(0, 300)}`;
        rec.request(res.statusCode, code ?? `HTTP_${res.statusCode}`, `${describeRequest(op, r)} → ${said}`);
        const tally = `${res.statusCode}${code ? ` ${code}` : ''}`;
        statuses[tally] = (statuses[tally] ?? 0) + 1;
        if (process.env.RELIABILITY_VERBOSE && r.kind === 'valid request' && res.statusCode === 400)
          console.log(`valid request refused: ${describeRequest(op, r)} → ${said}`);
        if (res.statusCode >= 500) failures.push(`${describeRequest(op, r)} → ${said}`);
        if (/at .*\.(ts|js):\d+/.test(res.body)) failures.push(`${describeRequest(op, r)} → a stack trace in the answer: ${said}`);
        if (res.statusCode >= 400) {
          const after = await snapshot(api.db, tables);
          const changed = changedTables(before, after);
          if (changed.length) {
            rec.refusedWithWrites(`${describeRequest(op, r)} → ${res.statusCode} ${code ?? ''}, changed ${changed.join(', ')}`);
            failures.push(`${describeRequest(op, r)} → ${res.statusCode} ${code ?? ''} yet changed ${changed.join(', ')}`);
          }
          before = after;
        } else {
          before = null; // accepted: it may have written; the next case takes a new snapshot
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // RELIABILITY_VERBOSE=1: what each route answered, to see the generators reach past validation.
    if (process.env.RELIABILITY_VERBOSE) console.log(`${dialect} ${route}: ${JSON.stringify(statuses)}`);
  }
  return failures;
}

/** The fuzzing of every route on one engine, as a test file's tests. */
export function fuzzEveryRoute(dialect: TestDialect): void {
  const rec = recorder(`route-fuzz-${dialect}`);
  describe(`every route fuzzed from its schema (${dialect})`, () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await createTestApp(dialect, { logSink: rec.logSink(dialect) });
      await api.app.ready();
    });
    afterAll(() => api.close());

    it('the app has routes to fuzz', () => {
      expect(OPERATIONS.length).toBeGreaterThan(30);
    });

    it.each(OPERATIONS.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_name, op) => {
      const failures = await fuzzRoute(api, dialect, op, rec);
      // Distinct failures (by status and route), reproducible with RELIABILITY_SEED.
      expect([...new Set(failures)].slice(0, 15), `seed ${SEED}`).toEqual([]);
    });
  });
}
