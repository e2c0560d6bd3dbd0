// /events: the audit log (admin, read).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope, Page } from '../../contracts/common.contract.js';
import { EventListQuery, EventView } from '../../contracts/event.contract.js';
import { allow, guard } from '../auth/guard.js';

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { events } = app.deps.services;
  app.get(
    '/events',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: {
        tags: ['events'],
        summary: 'Audit log, newest first',
        querystring: EventListQuery,
        response: { 200: Envelope(Page(EventView)), '4xx': ErrorEnvelope },
      },
    },
    async (req) => app.ok(await events.list(req.query)),
  );
};
