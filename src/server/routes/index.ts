// Everything under /api/v1. To add a resource: write routes/<res>.routes.ts exporting a
// FastifyPluginAsyncTypebox (schema → service → app.ok(...); no SQL, throw DomainErrors) and
// register it below. Paths inside a plugin are relative to /api/v1 (e.g. '/pools/:id').
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticatedRoutes } from './authenticated.routes.js';
import { healthRoutes } from './health.routes.js';
import { metricsRoutes } from './metrics.routes.js';

export const apiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(healthRoutes); // /api/v1/health/live, /api/v1/health/ready
  await app.register(metricsRoutes); // /api/v1/metrics (public unless [security] metrics_public = false)
  // Everything that needs an API key (pools, endpoints, keys, states, events, …): see there.
  await app.register(authenticatedRoutes);
};
