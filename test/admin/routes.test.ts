// The admin command line calls only routes the server documents: each entry of ROUTES
// (src/admin/admin-api.ts) is a method and path of the OpenAPI document (/docs/json), so a route
// renamed or removed on the server fails here before an administrator meets a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/admin/admin-api.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe('pacsync-admin routes', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp('sqlite');
  });
  afterAll(() => api.close());

  it('are all in the OpenAPI document, with their method', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p.replace(/^\/api\/v1/, '')}`)),
    );
    const missing = Object.values(ROUTES)
      .map(([m, p]) => `${m} ${p}`)
      .filter((r) => !documented.has(r));
    expect(Object.keys(ROUTES).length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
