// A database that cannot take a request answers what is wrong (issue #16): PostgreSQL unreachable
// is a 503 DATABASE_UNAVAILABLE with Retry-After (not a 500), and SQLite's disk full is a
// 507 STORAGE_FULL with Retry-After and nothing written — SQLite ends such a transaction itself,
// and the rollback that followed used to replace the error with "no transaction is active" (a
// 500 "query failed"). The disk is "full" here through SQLite's own page limit (max_page_count),
// which fails a write exactly as a full disk does; the real full disk is in
// test/reliability/sqlite-disk-full.test.ts. SQLite only: a PostgreSQL disk_full (53100) takes the
// same path in the error handler.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { buildApp } from '../../src/server/app.js';
import { createTestApp, expectRefused, testConfig, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/clock.js';
import { freePort } from '../support/postgres.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { state } from '../support/package-states.js';

const big = (r: number) => state(Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`pkg-${i}`, `${r}.${i}-1`])));

describe('a full SQLite disk', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp('sqlite');
  });
  afterAll(() => api.close());

  it('is a 507 STORAGE_FULL naming the cause, nothing is written, and writes work again once there is room', async () => {
    const ep = await makeEndpoint(api, await makePool(api));
    const pages = Number((await sql<{ page_count: number }>`PRAGMA page_count`.execute(api.db)).rows[0]?.page_count);
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(api.db);
    try {
      const before = await api.rowCounts();
      const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: big(1) });
      expectRefused(res, 507, 'STORAGE_FULL', "the server's database disk is full: nothing was written");
      expect(res.headers['retry-after']).toBe('60');
      expect(await api.rowCounts()).toEqual(before);
    } finally {
      await sql.raw('PRAGMA max_page_count = 1073741823').execute(api.db);
    }
    expect((await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: big(2) })).statusCode).toBe(200);
  });
});

describe('PostgreSQL unreachable', () => {
  it('an API request is a 503 DATABASE_UNAVAILABLE with Retry-After, not a 500', async () => {
    const port = await freePort(); // nothing listens there
    const url = `postgres://u:pw@127.0.0.1:${port}/db`;
    const database = openDatabase({ dialect: 'pg', url, connectionTimeoutMs: 2000 });
    const app = await buildApp({ database, config: testConfig({ DATABASE_URL: url }), clock: fakeClock() });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/pools', headers: { authorization: `Bearer psk_${'a'.repeat(43)}` } });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error).toEqual({
        code: 'DATABASE_UNAVAILABLE',
        message: 'the database is unavailable (connection refused): nothing was written; retry shortly',
        details: { retryable: true },
      });
      expect(res.body).not.toContain('pw@');
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
