// /jobs: the background jobs, their schedules and last/next runs (admin, read).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope } from '../../contracts/common.contract.js';
import { JobList } from '../../contracts/job.contract.js';
import { allow, guard } from '../auth/guard.js';

export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { jobs } = app.deps;
  app.get(
    '/jobs',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: {
        tags: ['jobs'],
        summary: 'Background jobs with their schedules, last and next runs',
        response: { 200: Envelope(JobList), '4xx': ErrorEnvelope },
      },
    },
    async () => app.ok(await jobs.list()),
  );
};
