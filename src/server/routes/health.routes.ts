// GET /health/live and /health/ready (registered at the root and under /api/v1). Public: a load
// balancer or an orchestrator calls them without a key. What they check: services/health.service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope } from '../../contracts/common.contract.js';
import { LiveData, ReadyData } from '../../contracts/health.contract.js';
import { errorBody } from '../reply.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services, clock } = app.deps;

  app.get('/health/live', { schema: { tags: ['health'], summary: 'The server process is up', response: { 200: Envelope(LiveData) } } }, async () =>
    app.ok(services.health.live()),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The server can serve: database reachable, schema up to date',
        response: { 200: Envelope(ReadyData), 503: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const r = await services.health.readiness();
      if (r.ready) return app.ok(r.data);
      if (r.cause !== undefined) request.log.warn({ err: r.cause }, 'readiness check: database unreachable');
      // 503 is not a DomainError status (DATABASE_ERROR is 500), so this answer is built here, in
      // the same envelope the error handler uses.
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(errorBody('DATABASE_ERROR', r.message, r.details, clock.now()));
    },
  );
};
