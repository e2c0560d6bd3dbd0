// /alerts: the active alerts (and, on request, recently cleared ones) — admin, read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AlertList, AlertListQuery } from '../../contracts/alert.contract.js';
import { Envelope, ErrorEnvelope } from '../../contracts/common.contract.js';
import { allow, guard } from '../auth/guard.js';

export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { alerts } = app.deps.services;
  app.get(
    '/alerts',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: {
        tags: ['alerts'],
        summary: 'Active alerts, most recently raised first (include_cleared: also those cleared within cleared_within hours)',
        querystring: AlertListQuery,
        response: { 200: Envelope(AlertList), '4xx': ErrorEnvelope },
      },
    },
    async (req) => app.ok({ items: await alerts.list(req.query) }),
  );
};
