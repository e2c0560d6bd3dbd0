// Who may call what: every /api/v1 route × every kind of caller. The table below is the
// authorisation policy of README "API keys and the HTTP API"; a route added later gets a row here
// (and must, or the "every route is in the table" test fails).
//
// Callers: no key, a malformed header, an expired key, a revoked key → always 401; a valid key
// → 2xx when listed in `allow`, else 403. `endpoint_own` is the key of the endpoint that owns the
// resources in the request (its own endpoint, its pool, its pool's states); `endpoint_other` is
// the key of an endpoint in another pool making the very same request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeExpiredKey, makeKey, makePool, makeRevokedKey, makeState, uniqueName } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

const CALLERS = ['none', 'malformed', 'expired', 'revoked', 'read', 'enroll', 'endpoint_own', 'endpoint_other', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type KeyedCaller = Exclude<Caller, 'none' | 'malformed' | 'expired' | 'revoked'>;

/** What a request may refer to; built fresh for routes that change or delete things. */
export interface Fixture {
  poolA: string; // the own endpoint's pool
  poolB: string; // the other endpoint's pool
  epOwn: string;
  epOther: string;
  spareEndpoint: string; // in no pool, for assign
  spareKey: string; // an id, for revoke
  formerTargetA: string;
  targetA: string;
  reportOwn: string;
  reportMate: string; // another member of pool A
  reportOther: string;
  opOwn: string; // a pending sync of the own endpoint
  keys: Record<KeyedCaller | 'expired' | 'revoked', string>;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as registered (checked against the app's routes). */
  route: string;
  /** Tells rows of the same route apart in the test names. */
  label?: string;
  /** The concrete path for a fixture. */
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** Keyed callers that succeed (2xx); every other keyed caller gets 403. */
  allow: KeyedCaller[];
  /** The request changes or deletes fixture data: each caller gets a fresh fixture. */
  fresh?: boolean;
}

export const ROUTES: RouteCase[] = [
  // keys
  { method: 'POST', route: '/api/v1/keys', path: () => '/keys', body: () => ({ role: 'read', name: uniqueName('k') }), allow: ['admin'] },
  { method: 'GET', route: '/api/v1/keys', path: () => '/keys', allow: ['admin'] },
  { method: 'GET', route: '/api/v1/me', path: () => '/me', allow: ['admin', 'read', 'enroll', 'endpoint_own', 'endpoint_other'] },
  { method: 'DELETE', route: '/api/v1/keys/:id', path: (f) => `/keys/${f.spareKey}`, allow: ['admin'], fresh: true },
  // pools
  { method: 'GET', route: '/api/v1/pools', path: () => '/pools', allow: ['admin', 'read'] },
  { method: 'POST', route: '/api/v1/pools', path: () => '/pools', body: () => ({ name: uniqueName('p') }), allow: ['admin'] },
  { method: 'GET', route: '/api/v1/pools/:id', path: (f) => `/pools/${f.poolA}`, allow: ['admin', 'read', 'endpoint_own'] },
  { method: 'PUT', route: '/api/v1/pools/:id', path: (f) => `/pools/${f.poolA}`, body: () => ({ description: 'x' }), allow: ['admin'] },
  { method: 'DELETE', route: '/api/v1/pools/:id', path: (f) => `/pools/${f.poolA}?force=true`, allow: ['admin'], fresh: true },
  {
    method: 'POST',
    route: '/api/v1/pools/:id/endpoints',
    path: (f) => `/pools/${f.poolA}/endpoints`,
    body: (f) => ({ endpoint_id: f.spareEndpoint }),
    allow: ['admin'],
    fresh: true,
  },
  {
    method: 'DELETE',
    route: '/api/v1/pools/:id/endpoints/:eid',
    path: (f) => `/pools/${f.poolA}/endpoints/${f.epOwn}`,
    allow: ['admin'],
    fresh: true,
  },
  { method: 'GET', route: '/api/v1/pools/:id/states', path: (f) => `/pools/${f.poolA}/states`, allow: ['admin', 'read', 'endpoint_own'] },
  {
    method: 'POST',
    route: '/api/v1/pools/:id/revert-target',
    path: (f) => `/pools/${f.poolA}/revert-target`,
    body: () => ({}),
    allow: ['admin'],
    fresh: true,
  },
  // states
  { method: 'GET', route: '/api/v1/states/:id', path: (f) => `/states/${f.targetA}`, allow: ['admin', 'read', 'endpoint_own'] },
  {
    method: 'GET',
    route: '/api/v1/states/:id',
    label: 'own report',
    path: (f) => `/states/${f.reportOwn}`,
    allow: ['admin', 'read', 'endpoint_own'],
  },
  { method: 'GET', route: '/api/v1/states/:id', label: "pool mate's report", path: (f) => `/states/${f.reportMate}`, allow: ['admin', 'read'] },
  {
    method: 'GET',
    route: '/api/v1/states/:a/diff/:b',
    path: (f) => `/states/${f.formerTargetA}/diff/${f.targetA}`,
    allow: ['admin', 'read', 'endpoint_own'],
  },
  // endpoints
  {
    method: 'POST',
    route: '/api/v1/endpoints',
    path: () => '/endpoints',
    body: () => ({ name: uniqueName('new'), hostname: 'new.lan' }),
    allow: ['admin', 'enroll'],
  },
  { method: 'GET', route: '/api/v1/endpoints', path: () => '/endpoints', allow: ['admin', 'read'] },
  { method: 'GET', route: '/api/v1/endpoints/:id', path: (f) => `/endpoints/${f.epOwn}`, allow: ['admin', 'read', 'endpoint_own'] },
  { method: 'GET', route: '/api/v1/endpoints/:id/drift', path: (f) => `/endpoints/${f.epOwn}/drift`, allow: ['admin', 'read'] },
  {
    method: 'PUT',
    route: '/api/v1/endpoints/:id',
    path: (f) => `/endpoints/${f.epOwn}`,
    body: () => ({ hostname: 'renamed.lan' }),
    allow: ['admin', 'endpoint_own'],
    fresh: true,
  },
  { method: 'DELETE', route: '/api/v1/endpoints/:id', path: (f) => `/endpoints/${f.epOwn}`, allow: ['admin', 'endpoint_own'], fresh: true },
  // enrollment approval (admin only: no endpoint approves itself or another) and key rotation
  { method: 'POST', route: '/api/v1/endpoints/:id/approve', path: (f) => `/endpoints/${f.epOwn}/approve`, allow: ['admin'] },
  { method: 'POST', route: '/api/v1/endpoints/:id/reject', path: (f) => `/endpoints/${f.epOwn}/reject`, allow: ['admin'], fresh: true },
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/rotate-key',
    path: (f) => `/endpoints/${f.epOwn}/rotate-key`,
    allow: ['admin', 'endpoint_own'],
    fresh: true,
  },
  // events
  { method: 'GET', route: '/api/v1/events', path: () => '/events', allow: ['admin', 'read'] },
  { method: 'GET', route: '/api/v1/jobs', path: () => '/jobs', allow: ['admin', 'read'] },
  // reports (the endpoint itself, or an admin)
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/state',
    path: (f) => `/endpoints/${f.epOwn}/state`,
    body: () => state({ bash: '5.2.026-2', zsh: '5.9-1' }),
    allow: ['admin', 'endpoint_own'],
    fresh: true,
  },
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/repositories',
    path: (f) => `/endpoints/${f.epOwn}/repositories`,
    body: () => ({ repositories: [] }),
    allow: ['admin', 'endpoint_own'],
  },
  // operations an endpoint (or an admin) starts; dry runs, so the shared fixture stays as it is
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/sync',
    path: (f) => `/endpoints/${f.epOwn}/sync`,
    body: () => ({ dry_run: true }),
    allow: ['admin', 'endpoint_own'],
  },
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/set-latest',
    path: (f) => `/endpoints/${f.epOwn}/set-latest`,
    body: () => ({ dry_run: true }),
    allow: ['admin', 'endpoint_own'],
  },
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/set-latest',
    label: 'applied',
    path: (f) => `/endpoints/${f.epOwn}/set-latest`,
    body: () => ({ message: 'x' }),
    allow: ['admin', 'endpoint_own'],
    fresh: true,
  },
  // force stores an inconsistent target: an admin's decision, never an endpoint key's (issue #10)
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/set-latest',
    label: 'force',
    path: (f) => `/endpoints/${f.epOwn}/set-latest`,
    body: () => ({ force: true }),
    allow: ['admin'],
    fresh: true,
  },
  {
    method: 'POST',
    route: '/api/v1/endpoints/:id/revert',
    path: (f) => `/endpoints/${f.epOwn}/revert`,
    body: (f) => ({ dry_run: true, target_state_id: f.reportOwn }),
    allow: ['admin', 'endpoint_own'],
  },
  {
    method: 'GET',
    route: '/api/v1/endpoints/:id/operations',
    path: (f) => `/endpoints/${f.epOwn}/operations`,
    allow: ['admin', 'read', 'endpoint_own'],
  },
  { method: 'GET', route: '/api/v1/pools/:id/operations', path: (f) => `/pools/${f.poolA}/operations`, allow: ['admin', 'read'] },
  {
    method: 'POST',
    route: '/api/v1/pools/:id/sync-all',
    path: (f) => `/pools/${f.poolA}/sync-all`,
    body: () => ({ dry_run: true }),
    allow: ['admin'],
  },
  { method: 'GET', route: '/api/v1/operations', path: (f) => `/operations?pool_id=${f.poolA}`, allow: ['admin', 'read'] },
  // operation life cycle: the operation's own endpoint (cancel: an admin too)
  { method: 'GET', route: '/api/v1/operations/:id', path: (f) => `/operations/${f.opOwn}`, allow: ['admin', 'read', 'endpoint_own'] },
  {
    method: 'POST',
    route: '/api/v1/operations/:id/progress',
    path: (f) => `/operations/${f.opOwn}/progress`,
    body: () => ({ progress: 5 }),
    allow: ['endpoint_own'],
  },
  {
    method: 'POST',
    route: '/api/v1/operations/:id/complete',
    path: (f) => `/operations/${f.opOwn}/complete`,
    body: () => ({}),
    allow: ['endpoint_own'],
    fresh: true,
  },
  {
    method: 'POST',
    route: '/api/v1/operations/:id/fail',
    path: (f) => `/operations/${f.opOwn}/fail`,
    body: () => ({ error_message: 'pacman failed' }),
    allow: ['endpoint_own'],
    fresh: true,
  },
  {
    method: 'POST',
    route: '/api/v1/operations/:id/cancel',
    path: (f) => `/operations/${f.opOwn}/cancel`,
    allow: ['admin', 'endpoint_own'],
    fresh: true,
  },
  // pool insight
  { method: 'POST', route: '/api/v1/pools/:id/analyze', path: (f) => `/pools/${f.poolA}/analyze`, allow: ['admin'] },
  { method: 'GET', route: '/api/v1/pools/:id/analysis', path: (f) => `/pools/${f.poolA}/analysis`, allow: ['admin', 'read'] },
  { method: 'GET', route: '/api/v1/pools/:id/drift-history', path: (f) => `/pools/${f.poolA}/drift-history`, allow: ['admin', 'read'] },
  // operating the server
  { method: 'GET', route: '/api/v1/alerts', path: () => '/alerts', allow: ['admin', 'read'] },
  // real time: any key (what it may subscribe to is scoped; see ws.routes.test.ts)
  { method: 'GET', route: '/api/v1/ws', path: () => '/ws', allow: ['admin', 'read', 'enroll', 'endpoint_own', 'endpoint_other'] },
];

async function buildFixture(api: TestApp): Promise<Fixture> {
  const poolA = await makePool(api);
  const poolB = await makePool(api);
  const own = await makeEndpoint(api, poolA);
  const other = await makeEndpoint(api, poolB);
  const spare = await makeEndpoint(api, null);
  const formerTargetA = await makeState(api, { poolId: poolA, at: '2024-01-10T00:00:00.000Z', data: state({ bash: '5.2.015-1' }) });
  const targetA = await makeState(api, { poolId: poolA, at: '2024-01-12T00:00:00.000Z', data: state({ bash: '5.2.026-2' }) });
  const reportOwn = await makeState(api, { poolId: poolA, endpointId: own.id, at: '2024-01-13T00:00:00.000Z' });
  const reportOther = await makeState(api, { poolId: poolB, endpointId: other.id, at: '2024-01-13T00:00:00.000Z' });
  const mate = await makeEndpoint(api, poolA);
  const reportMate = await makeState(api, { poolId: poolA, endpointId: mate.id, at: '2024-01-14T00:00:00.000Z' });
  // The own endpoint's report is its current state; it has a pending sync, and the pool an analysis.
  await api.db.updateTable('endpoints').set({ current_state_id: reportOwn }).where('id', '=', own.id).execute();
  const opOwn = (await api.app.deps.services.syncs.sync(own.id, {}, 'fixture')).operation!.id;
  await api.app.deps.services.analysis.analyze(poolA, 'fixture');
  const keys = {
    admin: (await makeKey(api, 'admin')).key,
    read: (await makeKey(api, 'read')).key,
    enroll: (await makeKey(api, 'enroll')).key,
    endpoint_own: own.key,
    endpoint_other: other.key,
    expired: await makeExpiredKey(api),
    revoked: await makeRevokedKey(api),
  };
  return {
    poolA,
    poolB,
    epOwn: own.id,
    epOther: other.id,
    spareEndpoint: spare.id,
    spareKey: (await makeKey(api, 'read')).id,
    formerTargetA,
    targetA,
    reportOwn,
    reportMate,
    reportOther,
    opOwn,
    keys,
  };
}

function authHeader(caller: Caller, f: Fixture): Record<string, string> {
  switch (caller) {
    case 'none':
      return {};
    case 'malformed':
      return { authorization: `Token ${f.keys.admin}` };
    default:
      return { authorization: `Bearer ${f.keys[caller]}` };
  }
}

function expectedStatus(rc: RouteCase, caller: Caller): 'ok' | 401 | 403 {
  if (caller === 'none' || caller === 'malformed' || caller === 'expired' || caller === 'revoked') return 401;
  return rc.allow.includes(caller) ? 'ok' : 403;
}

describe.each(DIALECTS)('authorisation matrix (%s)', (dialect) => {
  let api: TestApp;
  let shared: Fixture;

  beforeAll(async () => {
    api = await createTestApp(dialect);
    await api.app.ready(); // the OpenAPI document below is complete once every route is registered
    shared = await buildFixture(api);
  });
  afterAll(() => api.close());

  // Health, and metrics (public unless [security] metrics_public = false; Prometheus text, not
  // JSON: test/server/metrics.routes.test.ts), are not in the table.
  it('covers every route the app serves under /api/v1 (health and metrics excepted)', () => {
    // The OpenAPI document lists every route with its methods: `/api/v1/pools/{id}` → get, put…
    const doc = api.app.swagger() as { paths?: Record<string, Record<string, unknown>> };
    const served: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths ?? {})) {
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/health/') || path === '/api/v1/metrics') continue;
      for (const method of Object.keys(methods)) {
        if (method === 'head' || method === 'options') continue;
        served.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    const inTable = new Set(ROUTES.map((r) => `${r.method} ${r.route}`));
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((r) => !inTable.has(r))).toEqual([]);
    expect([...inTable].filter((r) => !served.includes(r))).toEqual([]);
  });

  describe.each(ROUTES.map((r) => [`${r.method} ${r.route}${r.label ? ` (${r.label})` : ''}`, r] as const))('%s', (_label, rc) => {
    it.each(CALLERS)('%s', async (caller) => {
      const f = rc.fresh ? await buildFixture(api) : shared;
      const body = rc.body?.(f);
      const res = await api.app.inject({
        method: rc.method,
        url: `/api/v1${rc.path(f)}`,
        headers: { ...authHeader(caller, f), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        payload: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const expected = expectedStatus(rc, caller);
      const json = res.json() as { success: boolean; error?: { code: string } };
      if (expected === 'ok') {
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
        expect(res.statusCode, res.body).toBeLessThan(300);
        expect(json.success).toBe(true);
      } else {
        expect(res.statusCode, res.body).toBe(expected);
        expect(json.success).toBe(false);
        expect(json.error?.code).toBe(expected === 401 ? 'AUTHENTICATION_REQUIRED' : 'INSUFFICIENT_PERMISSIONS');
      }
    });
  });

  it('an endpoint key cannot read a state of another pool, nor another endpoint', async () => {
    const asOther = { authorization: `Bearer ${shared.keys.endpoint_other}` };
    for (const url of [`/api/v1/states/${shared.reportOwn}`, `/api/v1/endpoints/${shared.epOwn}`, `/api/v1/pools/${shared.poolA}/states`]) {
      const res = await api.app.inject({ method: 'GET', url, headers: asOther });
      expect(res.statusCode, url).toBe(403);
    }
    // …while its own report and its own pool are readable.
    const own = await api.app.inject({ method: 'GET', url: `/api/v1/states/${shared.reportOther}`, headers: asOther });
    expect(own.statusCode).toBe(200);
  });

  it("an endpoint's pool history holds the pool's targets and its own reports, not its pool mates'", async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/api/v1/pools/${shared.poolA}/states`,
      headers: { authorization: `Bearer ${shared.keys.endpoint_own}` },
    });
    const ids = (res.json() as { data: { items: { id: string }[] } }).data.items.map((s) => s.id);
    expect(ids).toEqual([shared.reportOwn, shared.targetA, shared.formerTargetA]);
    const asAdmin = await api.app.inject({
      method: 'GET',
      url: `/api/v1/pools/${shared.poolA}/states`,
      headers: { authorization: `Bearer ${shared.keys.admin}` },
    });
    expect((asAdmin.json() as { data: { total: number } }).data.total).toBe(4);
  });
});
