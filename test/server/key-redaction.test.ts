// An API key in a URL never reaches a log line or an error body, however it is written: `?token=`
// plain or percent-encoded (`?%74oken=`, which the query parser decodes to the same parameter and
// which therefore authenticates the same way), in a path (`/ws;token=psk_…`, echoed by the 404
// before), or percent-encoded in the key itself. Read from the app's real log output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/server/auth/key-redaction.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/database.js';

describe.each(DIALECTS)('keys in URLs (%s)', (dialect) => {
  let api: TestApp;
  const logs: string[] = [];
  beforeAll(async () => {
    api = await createTestApp(dialect, { logSink: (line) => logs.push(line) });
  });
  afterAll(() => api.close());

  const get = (url: string) => api.app.inject({ method: 'GET', url });
  const encoded = () => api.adminKey.replace('psk_', 'psk%5F');
  function expectNoKey(text: string): void {
    expect(text).not.toContain(api.adminKey);
    expect(text).not.toContain(api.adminKey.slice(4));
  }

  it('?%74oken= authenticates like ?token=, and the key is redacted in the log either way', async () => {
    logs.length = 0;
    for (const url of [`/api/v1/ws?token=${api.adminKey}`, `/api/v1/ws?%74oken=${api.adminKey}`, `/api/v1/ws?%74oken=${encoded()}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json().data.channels).toEqual(['pool.*', 'endpoint.*']);
    }
    const text = logs.join('\n');
    expectNoKey(text);
    expect(text).toContain('/api/v1/ws?token=[redacted]');
    expect(text).toContain('/api/v1/ws?%74oken=[redacted]');
  });

  it.each([
    ['in a path segment', (k: string) => `/api/v1/ws;token=${k}`],
    ['as a path', (k: string) => `/api/v1/${k}`],
    ['percent-encoded in a path', (k: string) => `/api/v1/ws;token=${k.replace('psk_', '%70sk%5F')}`],
    ['in a query string of an unknown route', (k: string) => `/api/v1/nowhere?auth=${k}`],
    ['in a bad URL', (k: string) => `/api/v1/pools/%E0%A4%A/${k}`],
  ])('a key %s is neither echoed in the error body nor logged', async (_what, url) => {
    logs.length = 0;
    const res = await get(url(api.adminKey));
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().success).toBe(false);
    expectNoKey(res.body);
    const text = logs.join('\n');
    expect(text).not.toBe('');
    expectNoKey(text);
  });

  it('the 404 still names the path, with the key replaced', async () => {
    const res = await get(`/api/v1/ws;token=${api.adminKey}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error?.message).toBe('no route GET /api/v1/ws;token=[redacted]');
  });
});

describe('redactUrl', () => {
  it.each([
    ['/api/v1/ws?token=psk_abc&x=1', '/api/v1/ws?token=[redacted]&x=1'],
    ['/api/v1/ws?%74oken=secret-without-prefix', '/api/v1/ws?%74oken=[redacted]'],
    ['/api/v1/ws?api_key=x&KEY=y', '/api/v1/ws?api_key=[redacted]&KEY=[redacted]'],
    ['/a/psk_abc/b', '/a/[redacted]/b'],
    ['/a;t=%70%73%6B%5Fabc', '/a;t=[redacted]'],
    ['/api/v1/pools?limit=10', '/api/v1/pools?limit=10'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
