// The rules every authenticated route must follow are enforced when the app starts, so a route
// added without them fails every test instead of going live: it names who may call it (guard) and
// declares its schema (validation and /docs).
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAuth } from '../../src/server/auth/auth.hooks.js';
import { allow, guard } from '../../src/server/auth/guard.js';
import { requireSchemas } from '../../src/server/routes/authenticated.routes.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/database.js';

const response = { 200: { type: 'object' } };
const params = { type: 'object', properties: { id: { type: 'string' } } };

describe.each(DIALECTS)('route rules at startup (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  /** A bare scope with the authenticated scope's rules, and one route added by `add`. */
  const start = async (add: (scope: ReturnType<typeof Fastify>) => void) => {
    const app = Fastify();
    await app.register(async (scope) => {
      await registerAuth(scope, { apiKeys: api.app.deps.services.apiKeys, rateLimitPerMinute: 0 });
      requireSchemas(scope);
      add(scope);
    });
    try {
      await app.ready();
    } finally {
      await app.close();
    }
  };

  it('a route with a guard and a schema starts', async () => {
    await expect(
      start((s) => s.get('/things/:id', { onRequest: guard(allow.admin), schema: { params, response } }, async () => ({}))),
    ).resolves.toBeUndefined();
  });

  it('a route without a guard, without a response schema, or with path parameters but no params schema is refused by name', async () => {
    await expect(start((s) => s.get('/open', { schema: { response } }, async () => ({})))).rejects.toThrow(
      'route GET /open has no guard(): declare who may call it',
    );
    await expect(start((s) => s.post('/things', { onRequest: guard(allow.admin) }, async () => ({})))).rejects.toThrow(
      'route POST /things declares no response schema',
    );
    await expect(start((s) => s.get('/things/:id', { onRequest: guard(allow.admin), schema: { response } }, async () => ({})))).rejects.toThrow(
      'route GET /things/:id has path parameters but no params schema',
    );
  });

  it('every route of the real app passes (it started), and /docs lists each with its response', async () => {
    await api.app.ready();
    const doc = api.app.swagger() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    const routes = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/') && !p.startsWith('/api/v1/health/'));
    expect(routes.map(([p]) => p)).toEqual(expect.arrayContaining(['/api/v1/pools/{id}', '/api/v1/endpoints/{id}/sync', '/api/v1/ws']));
    for (const [p, methods] of routes) {
      for (const [m, op] of Object.entries(methods))
        expect(
          Object.keys(op.responses ?? {}).some((c) => c === '200' || c === '201'),
          `${m} ${p}`,
        ).toBe(true);
    }
  });
});
