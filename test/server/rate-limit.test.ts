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

  it('without [server] trust_proxy, X-Forwarded-For is ignored: clients cannot pick their own bucket', async () => {
    const from = (forwarded: string) => api.app.inject({ method: 'GET', url: '/api/v1/pools', headers: { 'x-forwarded-for': forwarded } });
    for (let i = 0; i < 3; i++) expect((await from(`203.0.113.${i}`)).statusCode).toBe(401);
    expect((await from('203.0.113.99')).statusCode).toBe(429);
  });

  it('health checks are not rate limited', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await api.app.inject({ method: 'GET', url: '/api/v1/health/live' });
      expect(res.statusCode).toBe(200);
    }
  });
});

describe.each(DIALECTS)('rate limit behind a proxy (%s)', (dialect) => {
  let api: TestApp;
  afterEach(() => api.close());

  /** A request without a key from `remote` (the proxy) on behalf of `client`. */
  const via = (remote: string, client: string) =>
    api.app.inject({ method: 'GET', url: '/api/v1/pools', remoteAddress: remote, headers: { 'x-forwarded-for': client } });

  it.each([
    ['the proxy address', '10.0.0.5'],
    ['a CIDR', '10.0.0.0/8'],
    ['a hop count', '1'],
    ['true', 'true'],
  ])('with trust_proxy = %s, each client behind the proxy has its own bucket', async (_what, setting) => {
    api = await createTestApp(dialect, { rateLimit: 2, env: { PACSYNC_SERVER_TRUST_PROXY: setting } });
    for (let i = 0; i < 2; i++) expect((await via('10.0.0.5', '198.51.100.7')).statusCode).toBe(401);
    expect((await via('10.0.0.5', '198.51.100.7')).statusCode).toBe(429);
    // Another client through the same proxy is not throttled by the first one.
    expect((await via('10.0.0.5', '198.51.100.8')).statusCode).toBe(401);
  });

  it('believes X-Forwarded-For only from the listed proxies', async () => {
    api = await createTestApp(dialect, { rateLimit: 2, env: { PACSYNC_SERVER_TRUST_PROXY: '10.0.0.5' } });
    // A direct client claiming to be forwarded keeps its own address: one bucket whatever it claims.
    for (let i = 0; i < 2; i++) expect((await via('192.0.2.1', `198.51.100.${i}`)).statusCode).toBe(401);
    expect((await via('192.0.2.1', '198.51.100.50')).statusCode).toBe(429);
  });
});
