// /states/{id} and /states/{a}/diff/{b}: admin, read, and endpoint keys for their own reports and
// their pool's states (checked by StateService once the state's pool is known).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope, IdParams } from '../../contracts/common.contract.js';
import { StateDetail, StateDiff, StateDiffParams } from '../../contracts/state.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';

const tags = ['states'];
const errors = { '4xx': ErrorEnvelope };

export const stateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { states } = app.deps.services;
  const readers = guard(allow.admin, allow.read, allow.anyEndpoint);

  app.get(
    '/states/:id',
    {
      onRequest: readers,
      schema: { tags, summary: 'One package state with its packages', params: IdParams, response: { 200: Envelope(StateDetail), ...errors } },
    },
    async (req) => app.ok(await states.get(req.params.id, principalOf(req))),
  );

  app.get(
    '/states/:a/diff/:b',
    {
      onRequest: readers,
      schema: {
        tags,
        summary: 'Packages added, removed and changed from state a to state b',
        params: StateDiffParams,
        response: { 200: Envelope(StateDiff), ...errors },
      },
    },
    async (req) => app.ok(await states.diff(req.params.a, req.params.b, principalOf(req))),
  );
};
