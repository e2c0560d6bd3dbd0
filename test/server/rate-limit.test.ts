// [security] api_rate_limit: requests per minute per API key (or per client address without a
// valid key), announced in X-RateLimit-* headers; over the limit → 429 RATE_LIMIT_EXCEEDED.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeKey } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';

describe.each(DIALECTS)('rate limit (%s)', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect, { rateLimit: 3 });
  });
  afterEach(() => api.close());

  it('counts per key, answers 429 in the error envelope with the headers, and writes nothing', async () => {
    const other = await makeKey(api, 'read');
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.request('GET', '/pools');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      remaining.push(String(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const before = await api.rowCounts();
    const limited = await api.request('POST', '/pools', { body: { name: 'too-many' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ success: false, error: { code: 'RATE_LIMIT_EXCEEDED' } });
    expect(limited.json().error?.message).toMatch(/3 requests per minute/);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(limited.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await api.rowCounts()).toEqual(before);

    // Another key has its own budget.
    expect((await api.request('GET', '/pools', { key: other.key })).statusCode).toBe(200);
  });

  it('counts requests without a valid key per client address', async () => {
    for (let i = 0; i < 3; i++) expect((await api.request('GET', '/pools', { key: null })).statusCode).toBe(401);
    const limited = await api.request('GET', '/pools', { key: 'psk_not-a-real-key-but-well-formed' });
    expect(limited.statusCode).toBe(429);
    // A valid key from the same address is unaffected.
    expect((await api.request('GET', '/pools')).statusCode).toBe(200);
  });

  it('health checks are not rate limited', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await api.app.inject({ method: 'GET', url: '/api/v1/health/live' });
      expect(res.statusCode).toBe(200);
    }
  });
});
