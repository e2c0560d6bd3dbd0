// The server shell through app.inject() on a real database: health checks, the response and
// error envelopes, the single error handler, OpenAPI docs and log redaction.
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidStateError, NotFoundError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/db/database.js';
import { loadMigrations } from '../../src/db/migration.js';
import { newId } from '../../src/db/dialect.js';
import { buildApp } from '../../src/server/app.js';
import { type TestApp, createTestApp, testConfig } from '../support/app.js';
import { fakeClock } from '../support/clock.js';
import { DIALECTS } from '../support/database.js';
import { freePort } from '../support/postgres.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The migrations this build ships, oldest first. */
const VERSIONS = (await loadMigrations()).map((m) => m.version);

describe.each(DIALECTS)('server shell on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('/health/live answers without the database: status, uptime from the clock, version', async () => {
    t = await createTestApp(dialect);
    t.clock.advance(90_000);
    for (const url of ['/health/live', '/api/v1/health/live']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        success: true,
        data: { status: 'ok', uptime_seconds: 90, version: '0.1.0' },
        timestamp: '2024-01-15T10:01:30.000Z',
      });
    }
  });

  it('/health/ready reports the database round trip, an up-to-date schema, the pool and no alert', async () => {
    t = await createTestApp(dialect);
    for (const url of ['/health/ready', '/api/v1/health/ready']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.success).toBe(true);
      expect(body.data).toMatchObject({
        status: 'ready',
        database: { engine: dialect === 'pg' ? 'postgresql' : 'sqlite', reachable: true },
        migrations: { current: VERSIONS.at(-1), pending: [] },
        pool: { max: dialect === 'pg' ? 5 : 1, waiting: 0 },
        alerts: [],
      });
      expect(body.data.database.latency_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('/health/ready answers 503 naming the pending migrations on an unmigrated database', async () => {
    t = await createTestApp(dialect, { migrated: false });
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body).toMatchObject({
      success: false,
      error: { code: 'DATABASE_ERROR', details: { status: 'not_ready', migrations: { current: null, pending: VERSIONS } } },
    });
    expect(body.error.message).toBe(
      `database schema is not up to date: migration ${VERSIONS.join(', ')} pending (run pacsync-server migrate --apply-all)`,
    );
    expect(body.timestamp).toMatch(ISO);
  });

  it('unknown routes answer 404 RESOURCE_NOT_FOUND in the error envelope, without the query string', async () => {
    t = await createTestApp(dialect);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nowhere?token=secret' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      success: false,
      error: { code: 'RESOURCE_NOT_FOUND', message: 'no route GET /api/v1/nowhere', details: { method: 'GET', path: '/api/v1/nowhere' } },
      timestamp: '2024-01-15T10:00:00.000Z',
    });
  });

  describe('the single error handler', () => {
    let shared: TestApp;
    let app: TestApp['app'];
    beforeAll(async () => {
      shared = await createTestApp(dialect, { bodyLimit: 2048 });
      app = shared.app;
      app.post(
        '/t/items',
        {
          schema: {
            body: Type.Object({ name: Type.String({ minLength: 1 }), count: Type.Integer({ maximum: 10 }) }, { additionalProperties: false }),
          },
        },
        async (req) => app.ok({ got: req.body.name }, 'accepted'),
      );
      app.get('/t/missing', async () => {
        throw new NotFoundError('pool', 'p1');
      });
      app.get('/t/conflict', async () => {
        throw new ConflictError('pool name taken', { field: 'name' });
      });
      app.get('/t/invalid', async () => {
        throw new InvalidStateError('operation already completed');
      });
      app.get('/t/sql', async () => {
        await sql`SELECT secret_column FROM no_such_table`.execute(app.deps.database.db);
        return app.ok(null);
      });
      app.get('/t/duplicate', async () => {
        await app.deps.database.db.insertInto('pools').values({ id: newId(), name: 'same' }).execute();
        await app.deps.database.db.insertInto('pools').values({ id: newId(), name: 'same' }).execute();
        return app.ok(null);
      });
      app.get('/t/bug', async () => {
        throw new Error('internal detail /srv/secret.txt');
      });
    });
    afterAll(async () => {
      await shared.close();
    });
    const appWithTestRoutes = async () => app;

    it('answers with the success envelope', async () => {
      const app = await appWithTestRoutes();
      const res = await app.inject({ method: 'POST', url: '/t/items', payload: { name: 'a', count: 1 } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ success: true, data: { got: 'a' }, message: 'accepted', timestamp: '2024-01-15T10:00:00.000Z' });
    });

    it.each([
      [{ count: 1 }, 'body.name: is required', 'body.name'],
      [{ name: 'a', count: 1, extra: true }, 'body.extra: is not allowed', 'body.extra'],
      [{ name: 'a', count: 11 }, 'body.count: must be <= 10', 'body.count'],
      [{ name: 'a', count: 'many' }, 'body.count: must be integer', 'body.count'],
    ])('refuses %o with 400 VALIDATION_ERROR naming the field', async (payload, message, field) => {
      const app = await appWithTestRoutes();
      const res = await app.inject({ method: 'POST', url: '/t/items', payload });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error).toMatchObject({ code: 'VALIDATION_ERROR', message, details: { field } });
    });

    it('refuses malformed JSON, an empty JSON body, a body over the limit and a non-JSON body', async () => {
      const app = await appWithTestRoutes();
      const json = { 'content-type': 'application/json' };
      const bad = await app.inject({ method: 'POST', url: '/t/items', headers: json, payload: '{"name": "a",' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'request body is not valid JSON' });

      const empty = await app.inject({ method: 'POST', url: '/t/items', headers: json, payload: '' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.code).toBe('VALIDATION_ERROR');

      const big = await app.inject({ method: 'POST', url: '/t/items', payload: { name: 'x'.repeat(5000), count: 1 } });
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'request body is too large (limit 2048 bytes, 2 KiB)' });

      const text = await app.inject({ method: 'POST', url: '/t/items', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
      expect(text.statusCode).toBe(415);
      expect(text.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'unsupported content-type: send application/json' });

      const xml = await app.inject({ method: 'POST', url: '/t/items', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
      expect(xml.statusCode).toBe(415);
      expect(xml.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'unsupported content-type: send application/json' });
    });

    it('maps domain errors through ERROR_STATUS with their details', async () => {
      const app = await appWithTestRoutes();
      const missing = await app.inject({ method: 'GET', url: '/t/missing' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error).toEqual({ code: 'RESOURCE_NOT_FOUND', message: 'pool p1 not found', details: { resource: 'pool', id: 'p1' } });
      const conflict = await app.inject({ method: 'GET', url: '/t/conflict' });
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json().error).toEqual({ code: 'RESOURCE_CONFLICT', message: 'pool name taken', details: { field: 'name' } });
      const invalid = await app.inject({ method: 'GET', url: '/t/invalid' });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().error.code).toBe('INVALID_STATE');
    });

    it('answers database failures with 500 DATABASE_ERROR (409 for a unique violation) and no internals', async () => {
      const app = await appWithTestRoutes();
      const res = await app.inject({ method: 'GET', url: '/t/sql' });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({ code: 'DATABASE_ERROR', message: 'database error: query failed', details: null });
      expect(res.body).not.toMatch(/no_such_table|secret_column|SELECT/i);

      const dup = await app.inject({ method: 'GET', url: '/t/duplicate' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('RESOURCE_CONFLICT');
      expect(dup.body).not.toMatch(/pools|name|UNIQUE/);
    });

    it('answers anything else with 500 INTERNAL_ERROR and no message or stack', async () => {
      const app = await appWithTestRoutes();
      const res = await app.inject({ method: 'GET', url: '/t/bug' });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({ code: 'INTERNAL_ERROR', message: 'internal server error', details: null });
      expect(res.body).not.toMatch(/secret|\.ts|at /);
    });
  });

  it('publishes OpenAPI at /docs/json and the interactive docs at /docs', async () => {
    t = await createTestApp(dialect);
    const spec = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/api/v1/health/ready']));
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('never logs authorization headers, keys or passwords', async () => {
    const lines: string[] = [];
    t = await createTestApp(dialect, { logger: { level: 'info', stream: { write: (s: string) => lines.push(s) } } });
    const app = t.app;
    app.get('/t/log', async (req) => {
      req.log.info({ headers: req.headers, api_key: 'sk-live-1', password: 'hunter2', endpoint: { key: 'sk-live-2' } }, 'inspect');
      return app.ok(null);
    });
    const res = await app.inject({ method: 'GET', url: '/t/log', headers: { authorization: 'Bearer sk-live-0' } });
    expect(res.statusCode).toBe(200);
    const output = lines.join('');
    expect(output).toContain('inspect');
    expect(output).toContain('[redacted]');
    expect(output).not.toMatch(/sk-live|hunter2/);
  });
});

describe('readiness with PostgreSQL unreachable', () => {
  it('answers 503 with the reason and keeps /health/live at 200', async () => {
    const port = await freePort(); // nothing listens there
    const database = openDatabase({ dialect: 'pg', url: `postgres://u:pw@127.0.0.1:${port}/db`, connectionTimeoutMs: 2000 });
    const app = await buildApp({ database, config: testConfig({ DATABASE_URL: `postgres://u:pw@127.0.0.1:${port}/db` }), clock: fakeClock() });
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.json().error).toEqual({
        code: 'DATABASE_ERROR',
        message: 'database unreachable: connection refused',
        details: {
          status: 'not_ready',
          database: { engine: 'postgresql', reachable: false, latency_ms: null, error: 'connection refused' },
          migrations: null,
        },
      });
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
