// The authenticated part of /api/v1: API keys resolved, rate limit applied, and every route
// guarded (see auth/auth.hooks.ts and auth/guard.ts) and described by a schema (below). New
// resources register here; routes that must stay public (health, metrics) register in
// routes/index.ts outside this scope.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { registerAuth } from '../auth/auth.hooks.js';
import { installNotificationScope } from '../events/notifier.js';
import { alertRoutes } from './alert.routes.js';
import { analysisRoutes } from './analysis.routes.js';
import { callerRoutes } from './caller.routes.js';
import { endpointRoutes } from './endpoint.routes.js';
import { eventRoutes } from './event.routes.js';
import { jobRoutes } from './job.routes.js';
import { keyRoutes } from './key.routes.js';
import { operationRoutes } from './operation.routes.js';
import { poolRoutes } from './pool.routes.js';
import { reportRoutes } from './report.routes.js';
import { stateRoutes } from './state.routes.js';
import { wsRoutes } from './ws.routes.js';

/**
 * Why `route` does not declare what it accepts and answers, or null when it does. Its schema is
 * what validates the input (a bad field is a 400 naming it, before any service runs) and what
 * /docs shows, so a route without one would take anything unchecked and be missing from the docs.
 */
export function schemaProblem(route: Pick<RouteOptions, 'url' | 'schema'>): string | null {
  const schema = route.schema as { params?: unknown; response?: unknown } | undefined;
  if (!schema?.response) return 'declares no response schema';
  if (/\/:/.test(route.url) && !schema.params) return 'has path parameters but no params schema';
  return null;
}

/** Makes a route registered later in `app`'s scope without a schema a startup error, like a missing guard. */
export function requireSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const problem = schemaProblem(route);
    if (problem) throw new Error(`route ${String(route.method)} ${route.url} ${problem}`);
  });
}

export const authenticatedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services, config } = app.deps;
  await registerAuth(app, { apiKeys: services.apiKeys, rateLimitPerMinute: config.security.api_rate_limit });
  requireSchemas(app);
  // Real-time messages queued while a request runs go out after it succeeds (events/notifier.ts).
  installNotificationScope(app, services.notifier);
  await app.register(keyRoutes);
  await app.register(callerRoutes);
  await app.register(poolRoutes);
  await app.register(endpointRoutes);
  await app.register(stateRoutes);
  await app.register(eventRoutes);
  await app.register(jobRoutes);
  await app.register(reportRoutes);
  await app.register(operationRoutes);
  await app.register(analysisRoutes);
  await app.register(alertRoutes);
  await app.register(wsRoutes);
};
