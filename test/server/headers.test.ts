// Browser-facing headers: helmet's security headers on every answer (API, errors, /docs), a CSP
// under which /docs (swagger-ui) still loads every asset it references, and CORS only for the
// origins in `[security] cors_origins` (none listed: no CORS headers). Not a database test.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let api: TestApp;
afterEach(() => api.close());

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: unknown): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers', () => {
  it('are on API answers, errors and the docs; no HSTS or upgrade-insecure-requests over plain http', async () => {
    api = await createTestApp('sqlite');
    for (const [url, status] of [
      ['/api/v1/health/live', 200],
      ['/api/v1/pools', 401],
      ['/api/v1/nowhere', 404],
      ['/', 200],
      ['/pools', 200],
      ['/docs/json', 200],
    ] as const) {
      const res = await api.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      const policy = csp(res.headers['content-security-policy']);
      expect(policy.get('default-src'), url).toEqual(["'self'"]);
      expect(policy.has('upgrade-insecure-requests'), url).toBe(false);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('/docs still loads every script, stylesheet and the OpenAPI document under the CSP', async () => {
    api = await createTestApp('sqlite');
    let res = await api.app.inject({ method: 'GET', url: '/docs' });
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      res = await api.app.inject({ method: 'GET', url: new URL(String(res.headers.location), 'http://x/docs/').pathname });
    }
    expect(res.statusCode).toBe(200);
    const page = res.body;
    const policy = csp(res.headers['content-security-policy']);
    // No inline script (the CSP would block it); scripts and styles come from this origin, which it allows.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    expect(policy.get('script-src')).toContain("'self'");
    expect(policy.get('style-src')).toContain("'self'");
    const assets = [...page.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(3);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      expect(asset, asset).not.toMatch(/^(https?:)?\/\//); // same origin
      const loaded = await api.app.inject({ method: 'GET', url: new URL(asset, 'http://x/docs/static/index.html').pathname });
      expect(loaded.statusCode, asset).toBe(200);
      expect(String(loaded.headers['content-type']), asset).toMatch(
        asset.endsWith('.js') ? /javascript/ : asset.endsWith('.css') ? /text\/css/ : /image\//,
      );
    }
    // The initializer fetches ./json from the same origin (connect-src falls back to 'self').
    expect(policy.get('connect-src') ?? policy.get('default-src')).toContain("'self'");
    const spec = await api.app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.json().openapi).toMatch(/^3\./);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    api.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/pools',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('sends no CORS headers when cors_origins is empty', async () => {
    api = await createTestApp('sqlite');
    const res = await api.app.inject({
      method: 'GET',
      url: '/api/v1/pools',
      headers: { origin: 'https://admin.example.org', authorization: `Bearer ${api.adminKey}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('https://admin.example.org')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a listed origin, and not an unlisted one', async () => {
    api = await createTestApp('sqlite', { env: { PACSYNC_SECURITY_CORS_ORIGINS: 'https://admin.example.org, http://localhost:3000' } });
    const from = (origin: string) =>
      api.app.inject({ method: 'GET', url: '/api/v1/pools', headers: { origin, authorization: `Bearer ${api.adminKey}` } });

    const listed = await from('https://admin.example.org');
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe('https://admin.example.org');
    expect(String(listed.headers['access-control-expose-headers'])).toContain('X-RateLimit-Remaining');
    expect(listed.headers['access-control-allow-credentials']).toBeUndefined();
    // Errors too, so a browser client can read why it was refused.
    const refused = await api.app.inject({ method: 'GET', url: '/api/v1/pools', headers: { origin: 'http://localhost:3000' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('http://localhost:3000');

    const ok = await preflight('https://admin.example.org');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://admin.example.org');
    expect(String(ok.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(ok.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');

    for (const origin of ['https://evil.example', 'https://admin.example.org.evil.example', 'http://admin.example.org']) {
      expect((await from(origin)).headers['access-control-allow-origin'], origin).toBeUndefined();
      expect((await preflight(origin)).headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });
});
