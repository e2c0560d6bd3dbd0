// Issue #13: the web UI is served at `/` (with `[web_ui] title`), its client routes fall back to
// its page, the server's own paths never do, helmet's CSP stays on, `[web_ui] enabled = false`
// switches it off; `GET /me` tells a key its role. Needs the built UI (npm run build; npm test
// builds first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/database.js';
import { webAssetsDir } from '../../src/server/web-ui.js';
import { makeKey } from '../support/api-fixtures.js';

describe.each(DIALECTS)('web UI serving (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect, { env: { PACSYNC_WEB_UI_TITLE: 'Lab <fleet> & co' } });
  });
  afterAll(async () => api?.close());

  it('is built (dist/web/index.html)', () => {
    expect(webAssetsDir(), 'run "npm run build" first').not.toBeNull();
  });

  it('answers its page at / with the configured title (escaped) and a CSP that allows only same-origin scripts', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<title>Lab &#60;fleet&#62; &#38; co</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // No inline script: every <script> has a src on this origin.
    for (const m of res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/src="\/assets\//);
      expect(m[2]!.trim()).toBe('');
    }
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(res.body)?.[1];
    const js = await api.app.inject({ method: 'GET', url: asset! });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('answers its page for client routes, deep links included', async () => {
    for (const url of ['/pools', '/endpoints/2f0c1a8e-0000-4000-8000-000000000000', '/keys?x=1']) {
      const res = await api.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root"></div>');
    }
  });

  it("never answers the page for the server's own paths: an unknown one stays a JSON 404", async () => {
    for (const url of ['/api/v1/nope', '/api', '/health/nope', '/metrics/x', '/docs/nope/x.js', '/assets/missing.js']) {
      const res = await api.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('<div id="root">');
    }
    const res = await api.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.json()).toMatchObject({ success: false, error: { code: 'RESOURCE_NOT_FOUND' } });
  });

  it('GET /me names the calling key and its role, never its secret', async () => {
    const read = await makeKey(api, 'read', { name: 'viewer' });
    const res = await api.request<Record<string, unknown>>('GET', '/me', { key: read.key });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ key_id: read.id, name: 'viewer', role: 'read', pool_id: null, endpoint_id: null });
    expect(res.body).not.toContain(read.key);
    expect((await api.request('GET', '/me', { key: null })).statusCode).toBe(401);
  });
});

describe('web UI switched off', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp('sqlite', { env: { PACSYNC_WEB_UI_ENABLED: 'false' } });
  });
  afterAll(async () => api?.close());

  it('with [web_ui] enabled = false, / is the API 404 and the API still answers', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'RESOURCE_NOT_FOUND' } });
    expect((await api.request('GET', '/pools')).statusCode).toBe(200);
  });
});
