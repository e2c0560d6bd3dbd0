// Reports are bounded: a state or repository report over `[server] max_report_size` is a 413 in
// the error envelope naming the limit and the setting, and writes nothing; other bodies keep the
// small default limit; and one report per endpoint is received at a time (a second concurrent one
// is a 429 REPORT_IN_PROGRESS with Retry-After, which agents retry).
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, refusedWithoutWrites, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

const LIMIT = 256 * 1024;

/** A state report body of about `bytes` bytes (the padding is one long capture_method). */
function paddedState(bytes: number): string {
  const body = JSON.stringify(state({ bash: '5.2.026-2' }));
  return body.replace('"metadata":{', `"metadata":{"capture_method":"${'a'.repeat(Math.max(0, bytes - body.length - 20))}",`);
}

describe.each(DIALECTS)('report limits (%s)', (dialect) => {
  let api: TestApp;
  let ep: { id: string; key: string };
  beforeEach(async () => {
    api = await createTestApp(dialect, { env: { PACSYNC_SERVER_MAX_REPORT_SIZE: '256KiB' } });
    ep = await makeEndpoint(api, await makePool(api));
  });
  afterEach(() => api.close());

  it('refuses a state or repository report over max_report_size with a 413 naming the limit, writing nothing', async () => {
    for (const path of [`/endpoints/${ep.id}/state`, `/endpoints/${ep.id}/repositories`]) {
      await refusedWithoutWrites(api, {
        method: 'POST',
        path,
        options: { key: ep.key, rawBody: paddedState(LIMIT + 1024) },
        status: 413,
        mentions: `limit ${LIMIT} bytes, 256 KiB: [server] max_report_size`,
      });
    }
    const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, rawBody: paddedState(LIMIT + 1024) });
    expect(res.json().error?.details).toEqual({ field: 'body', limit: LIMIT, setting: '[server] max_report_size' });
    // Just under the limit is fine.
    expect((await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, rawBody: paddedState(LIMIT - 1024) })).statusCode).toBe(200);
  });

  it('keeps the small default limit for other bodies', async () => {
    await refusedWithoutWrites(api, {
      method: 'POST',
      path: '/pools',
      options: { rawBody: JSON.stringify({ name: 'big', description: 'x'.repeat(1_100_000) }) },
      status: 413,
      mentions: 'limit 1048576 bytes, 1 MiB)',
    });
  });

  it('receives one report per endpoint at a time: a concurrent second one is a 429 with Retry-After', async () => {
    const other = await makeEndpoint(api, null);
    // The first report's body arrives slowly: it is still being received while the others come.
    const slow = new PassThrough();
    const first = api.app.inject({
      method: 'POST',
      url: `/api/v1/endpoints/${ep.id}/state`,
      headers: { authorization: `Bearer ${ep.key}`, 'content-type': 'application/json' },
      payload: slow,
    });
    const body = JSON.stringify(state({ bash: '5.2.026-2' }));
    slow.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300)); // it passes the hooks at once, then waits for its body

    const before = await api.rowCounts();
    for (const path of [`/endpoints/${ep.id}/state`, `/endpoints/${ep.id}/repositories`]) {
      const second = await api.request('POST', path, { key: ep.key, body: path.endsWith('state') ? state({ zsh: '5.9-5' }) : { repositories: [] } });
      expect(second.statusCode).toBe(429);
      expect(second.json().error).toMatchObject({
        code: 'REPORT_IN_PROGRESS',
        message: `a report of endpoint ${ep.id} is already in progress; retry in 2 s`,
      });
      expect(second.headers['retry-after']).toBe('2');
    }
    expect(await api.rowCounts()).toEqual(before);
    // Another endpoint is not held up.
    expect((await api.request('POST', `/endpoints/${other.id}/state`, { key: other.key, body: state({ zsh: '5.9-5' }) })).statusCode).toBe(200);

    slow.end(body.slice(10));
    expect((await first).statusCode).toBe(200);
    expect((await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: state({ zsh: '5.9-5' }) })).statusCode).toBe(200);
  });

  it('a refused or failed report does not keep the endpoint busy', async () => {
    expect((await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, rawBody: '{not json' })).statusCode).toBe(400);
    expect((await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, rawBody: paddedState(LIMIT + 1024) })).statusCode).toBe(413);
    expect((await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: state({ bash: '5.2.026-2' }) })).statusCode).toBe(200);
  });
});
