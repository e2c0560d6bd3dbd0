// Issue #11, item 13: the README's API table lists every route. The routes come from the OpenAPI
// document the server serves (/docs/json), so a route added without a README row fails here.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/agent-cli.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe('the README API table', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp('sqlite');
  });
  afterAll(() => api.close());

  it('names every route the server documents, with its method', async () => {
    const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
    const table = readme.split('\n').filter((l) => l.startsWith('| `'));
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const missing: string[] = [];
    for (const [route, methods] of Object.entries(doc.paths)) {
      const p = route.replace(/^\/api\/v1/, '').replace(/\{(eid|a|b)\}/g, '{$1}');
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        if (method === 'HEAD') continue;
        // `GET /pools/{id}`, `GET/PUT/DELETE /pools/{id}` or `…, POST /pools/{id}/reject`: the method
        // among those written before the path, and the path followed by the end, a space or a query.
        const listed = table.some((row) =>
          new RegExp(`[\`,] ?(?:[A-Z]+/)*${method}(?:/[A-Z]+)* ${p.replace(/[{}.?]/g, (c) => `\\${c}`)}(?:[\` ?])`).test(row),
        );
        if (!listed) missing.push(`${method} ${p}`);
      }
    }
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
