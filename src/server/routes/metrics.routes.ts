// GET /metrics (registered at the root and under /api/v1): Prometheus text format. Public while
// `[security] metrics_public` is true (the default, for a Prometheus on the same network); when
// false an admin or read key is required, refused with 401/403 like every authenticated route.
// What is measured: services/metrics.service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope } from '../../contracts/common.contract.js';
import { MetricsText, PROMETHEUS_CONTENT_TYPE } from '../../contracts/metrics.contract.js';
import { registerAuth } from '../auth/auth.hooks.js';
import { allow, guard } from '../auth/guard.js';

export const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services, config } = app.deps;
  const open = config.security.metrics_public;
  // Public: this scope has no auth hooks at all, like the health routes.
  if (!open) await registerAuth(app, { apiKeys: services.apiKeys, rateLimitPerMinute: config.security.api_rate_limit });
  app.get(
    '/metrics',
    {
      onRequest: open ? [] : [guard(allow.admin, allow.read)],
      schema: {
        tags: ['metrics'],
        summary: open
          ? 'Prometheus metrics (public: [security] metrics_public)'
          : 'Prometheus metrics (admin or read key: [security] metrics_public = false)',
        produces: [PROMETHEUS_CONTENT_TYPE],
        response: { 200: MetricsText, '4xx': ErrorEnvelope },
      },
    },
    async (_req, reply) => reply.type(PROMETHEUS_CONTENT_TYPE).send(await services.metrics.scrape()),
  );
};
