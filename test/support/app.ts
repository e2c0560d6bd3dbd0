// The real Fastify app on a fresh test database (either engine) with a fake clock, for
// app.inject() tests: an admin key created the way `serve` does at first start, and helpers to
// call /api/v1 as that admin (or with any other key). Use it for every HTTP test:
//
//   describe.each(DIALECTS)('%s', (dialect) => {
//     let api: TestApp;
//     beforeEach(async () => { api = await createTestApp(dialect); });
//     afterEach(() => api.close());
//     it('…', async () => {
//       const res = await api.request('POST', '/pools', { body: { name: 'lab' } });
//       expect(res.statusCode).toBe(201);
//     });
//   });
//
// The app is not made ready here, so a test may still add routes of its own before its first
// inject(). Agent tests that need a listening server use live-server.ts instead.
import type { FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { type App, buildApp } from '../../src/server/app.js';
import { type ServerConfig, loadConfig } from '../../src/server/config.js';
import { type FakeClock, fakeClock } from './clock.js';
import { type TestDatabase, type TestDialect, createTestDatabase } from './database.js';

export interface TestAppOptions {
  /** [security] api_rate_limit per minute; 0 (default) disables the limit. */
  rateLimit?: number;
  /** Extra configuration through environment variables, e.g. { PACSYNC_FEATURES_OFFLINE_AFTER: '5' }. */
  env?: Record<string, string>;
  /** Fastify/pino logger options (default: silent). */
  logger?: FastifyServerOptions['logger'];
  /** Receives every log line (JSON text) when set; the app logs at debug level then. */
  logSink?: (line: string) => void;
  bodyLimit?: number;
  /** false: an empty, unmigrated database (and then no admin key). */
  migrated?: boolean;
  clock?: FakeClock;
}

export interface Envelope<T = unknown> {
  success: boolean;
  data: T;
  message?: string;
  timestamp: string;
  error?: { code: string; message: string; details: unknown };
}

export type ApiResponse<T> = Omit<LightMyRequestResponse, 'json'> & { json(): Envelope<T> };

export interface RequestOptions {
  /** The API key to send; the admin key when omitted, none when null. */
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface TestApp {
  app: App;
  database: TestDatabase;
  /** `database.db`: for arranging data and checking what was stored. */
  db: Kysely<Database>;
  clock: FakeClock;
  config: ServerConfig;
  /** An admin key, created the way `serve` does at first start (throws on an unmigrated database). */
  readonly adminKey: string;
  /** Calls /api/v1<path> with app.inject(). */
  request<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** Row count of every table, to prove a refused request wrote nothing. */
  rowCounts(): Promise<Record<string, number>>;
  /** Closes the app, then deletes the database. */
  close(): Promise<void>;
}

/**
 * A refused request as a user must see it: `status`, the error envelope with `code` and a message
 * naming the problem (`mentions`), and no stack trace. (Pair it with rowCounts() before and after
 * to prove nothing was written.)
 */
export function expectRefused(res: ApiResponse<unknown>, status: number, code: string, mentions: string): void {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  const json = res.json();
  expect(json.success).toBe(false);
  expect(json.error?.code).toBe(code);
  expect(json.error?.message).toContain(mentions);
  expect(typeof json.timestamp).toBe('string');
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
}

/** A request the API must refuse, and how (see refusedWithoutWrites). */
export interface Refusal {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  options: RequestOptions;
  status: number;
  /** Default: RESOURCE_NOT_FOUND for a 404, else VALIDATION_ERROR. */
  code?: string;
  mentions: string;
}

/** Sends `r` and checks it is refused as expectRefused says, with no row written in any table. */
export async function refusedWithoutWrites(api: TestApp, r: Refusal): Promise<void> {
  const before = await api.rowCounts();
  const res = await api.request(r.method, r.path, r.options);
  expectRefused(res, r.status, r.code ?? (r.status === 404 ? 'RESOURCE_NOT_FOUND' : 'VALIDATION_ERROR'), r.mentions);
  expect(await api.rowCounts()).toEqual(before);
}

/** The first admin key, generated the way `serve` makes it at first start on a fresh database. */
export async function createAdminKey(app: App): Promise<string> {
  const boot = await app.deps.services.apiKeys.ensureAdminKey(undefined);
  if (!boot.created || boot.source !== 'generated') throw new Error('test database already had an admin key');
  return boot.key;
}

/** Configuration as the server would load it, from environment-style settings only. */
export function testConfig(env: Record<string, string> = {}): ServerConfig {
  return loadConfig({ env, flags: {}, cwd: process.cwd(), defaultConfigFile: '/nonexistent/pacsync-test/server.conf' });
}

const TABLES = [
  'pools',
  'endpoints',
  'package_states',
  'repositories',
  'sync_operations',
  'api_keys',
  'system_events',
  'drift_history',
  'alerts',
] as const;

export async function createTestApp(dialect: TestDialect, options: TestAppOptions = {}): Promise<TestApp> {
  const migrated = options.migrated ?? true;
  const database = await createTestDatabase(dialect, { migrated });
  const clock = options.clock ?? fakeClock();
  const config = testConfig({ ...database.env, PACSYNC_SECURITY_API_RATE_LIMIT: String(options.rateLimit ?? 0), ...options.env });
  const sink = options.logSink;
  const logger = sink ? { level: 'debug', stream: { write: (line: string) => sink(line) } } : (options.logger ?? false);
  const app = await buildApp({ database: database.handle, config, clock, logger, bodyLimit: options.bodyLimit });

  const adminKey = migrated ? await createAdminKey(app) : null;
  const admin = (): string => {
    if (adminKey === null) throw new Error('no admin key: the test database is not migrated');
    return adminKey;
  };

  const request: TestApp['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const key = opts.key === undefined ? admin() : opts.key;
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

  return {
    app,
    database,
    db: database.db,
    clock,
    config,
    get adminKey() {
      return admin();
    },
    request,
    async rowCounts() {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const { n } = await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        out[table] = Number(n);
      }
      return out;
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
