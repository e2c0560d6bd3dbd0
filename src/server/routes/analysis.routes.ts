// Pool insight: repository analysis (run: admin; read: admin, read) and drift history (admin, read).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AnalysisView, DriftHistoryQuery, DriftHistoryView } from '../../contracts/analysis.contract.js';
import { Envelope, ErrorEnvelope, IdParams } from '../../contracts/common.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';

const tags = ['pools'];
const errors = { '4xx': ErrorEnvelope };

export const analysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { analysis, driftTracker } = app.deps.services;
  const readers = guard(allow.admin, allow.read);

  app.post(
    '/pools/:id/analyze',
    {
      onRequest: guard(allow.admin),
      schema: {
        tags,
        summary: "Analyse the members' repositories against the pool target",
        params: IdParams,
        response: { 200: Envelope(AnalysisView), ...errors },
      },
    },
    async (req) => app.ok(await analysis.analyze(req.params.id, actorOf(principalOf(req))), 'repository analysis stored'),
  );

  app.get(
    '/pools/:id/analysis',
    {
      onRequest: readers,
      schema: { tags, summary: "The pool's latest repository analysis", params: IdParams, response: { 200: Envelope(AnalysisView), ...errors } },
    },
    async (req) => app.ok(await analysis.latest(req.params.id)),
  );

  app.get(
    '/pools/:id/drift-history',
    {
      onRequest: readers,
      schema: {
        tags,
        summary: 'Members per sync_status over time (a sample whenever the counts change)',
        params: IdParams,
        querystring: DriftHistoryQuery,
        response: { 200: Envelope(DriftHistoryView), ...errors },
      },
    },
    async (req) => app.ok(await driftTracker.history(req.params.id, req.query)),
  );
};
