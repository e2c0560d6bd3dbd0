// An API server for HTTP tests: buildApp on a fresh test database (either engine) with a fake
// clock, an admin key, and helpers to call /api/v1 with app.inject(). Reuse it for every route
// test:
//
//   describe.each(DIALECTS)('%s', (dialect) => {
//     let api: TestApi;
//     beforeEach(async () => { api = await createTestApi(dialect); });
//     afterEach(() => api.close());
//     it('…', async () => {
//       const res = await api.request('POST', '/pools', { key: api.adminKey, body: { name: 'lab' } });
//       expect(res.statusCode).toBe(201);
//     });
//   });
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './database.js';
import { type FakeClock, fakeClock } from './clock.js';

export interface TestApiOptions {
  /** [security] api_rate_limit per minute; 0 (default) disables the limit. */
  rateLimit?: number;
  /** Receives every log line (JSON text) when set; the app logs at debug level then. */
  logSink?: (line: string) => void;
  /** Extra environment for loadConfig (PACSYNC_<SECTION>_<KEY>=…). */
  env?: Record<string, string>;
}

export interface Envelope<T = unknown> {
  success: boolean;
  data: T;
  message?: string;
  timestamp: string;
  error?: { code: string; message: string; details: unknown };
}

export type ApiResponse<T> = Omit<LightMyRequestResponse, 'json'> & { json(): Envelope<T> };

export interface TestApi {
  app: App;
  t: TestDatabase;
  clock: FakeClock;
  /** An admin key, created the way `serve` does at first start. */
  adminKey: string;
  request<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    path: string,
    opts?: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string>; query?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** POST /keys as admin; returns the secret and the key's id. */
  createKey(role: 'admin' | 'read' | 'enroll' | 'endpoint', extra?: Record<string, unknown>): Promise<{ key: string; id: string }>;
  /** POST /pools as admin; returns the pool id. */
  createPool(name: string, settings?: Record<string, unknown>): Promise<string>;
  /** POST /endpoints as admin; returns its id and its own key. */
  registerEndpoint(name: string, poolId?: string | null): Promise<{ id: string; key: string }>;
  /** Row count of every table, to prove a refused request wrote nothing. */
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const TABLES = ['pools', 'endpoints', 'package_states', 'repositories', 'sync_operations', 'api_keys', 'system_events', 'drift_history'] as const;

export async function createTestApi(dialect: TestDialect, options: TestApiOptions = {}): Promise<TestApi> {
  const t = await createTestDatabase(dialect);
  const clock = fakeClock();
  const config = loadConfig({
    env: { ...t.env, PACSYNC_SECURITY_API_RATE_LIMIT: String(options.rateLimit ?? 0), ...options.env },
    defaultConfigFile: '/nonexistent/pacsync-server.conf',
  });
  const sink = options.logSink;
  const app = await buildApp({
    database: t.handle,
    config,
    clock,
    logger: sink ? { level: 'debug', stream: { write: (line: string) => sink(line) } } : false,
  });
  await app.ready();
  const boot = await app.deps.services.apiKeys.ensureAdminKey(undefined);
  if (!boot.created || boot.source !== 'generated') throw new Error('test database already had an admin key');
  const adminKey = boot.key;

  const request: TestApi['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const key = opts.key === undefined ? adminKey : opts.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let payload: string | undefined;
    if (opts.rawBody !== undefined) {
      payload = opts.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await app.inject({ method, url: `/api/v1${path}`, headers, payload, query: opts.query });
    return res as unknown as ApiResponse<never>;
  };

  const api: TestApi = {
    app,
    t,
    clock,
    adminKey,
    request,
    async createKey(role, extra = {}) {
      const res = await request<{ api_key: string; id: string }>('POST', '/keys', { body: { role, name: `${role} key`, ...extra } });
      if (res.statusCode !== 201) throw new Error(`createKey ${role}: ${res.statusCode} ${res.body}`);
      const { api_key, id } = res.json().data;
      return { key: api_key, id };
    },
    async createPool(name, settings) {
      const res = await request<{ id: string }>('POST', '/pools', { body: settings ? { name, settings } : { name } });
      if (res.statusCode !== 201) throw new Error(`createPool ${name}: ${res.statusCode} ${res.body}`);
      return res.json().data.id;
    },
    async registerEndpoint(name, poolId) {
      const body: Record<string, unknown> = { name, hostname: `${name}.example.org` };
      if (poolId !== undefined) body.pool_id = poolId;
      const res = await request<{ id: string; api_key: string }>('POST', '/endpoints', { body });
      if (res.statusCode !== 201) throw new Error(`registerEndpoint ${name}: ${res.statusCode} ${res.body}`);
      const { id, api_key } = res.json().data;
      return { id, key: api_key };
    },
    async rowCounts() {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const { n } = await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        out[table] = Number(n);
      }
      return out;
    },
    async close() {
      await app.close();
      await t.destroy();
    },
  };
  return api;
}
