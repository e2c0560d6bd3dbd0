// /pools: CRUD (admin; read keys GET), membership (admin), state history (admin, read, member
// endpoints) and target revert (admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope, IdParams, Page } from '../../contracts/common.contract.js';
import { EndpointView } from '../../contracts/endpoint.contract.js';
import {
  AssignEndpointBody,
  CreatePoolBody,
  DeletePoolQuery,
  PoolDeleted,
  PoolDetail,
  PoolEndpointParams,
  PoolListQuery,
  PoolView,
  RevertTargetBody,
  TargetReverted,
  UpdatePoolBody,
} from '../../contracts/pool.contract.js';
import { PoolStatesQuery, StateSummary } from '../../contracts/state.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';

const tags = ['pools'];
const errors = { '4xx': ErrorEnvelope };

export const poolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pools, poolTargets, states } = app.deps.services;
  const admin = guard(allow.admin);
  const actor = (req: Parameters<typeof principalOf>[0]) => actorOf(principalOf(req));

  app.get(
    '/pools',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: { tags, summary: 'List pools with member counts', querystring: PoolListQuery, response: { 200: Envelope(Page(PoolView)), ...errors } },
    },
    async (req) => app.ok(await pools.list(req.query)),
  );

  app.post(
    '/pools',
    { onRequest: admin, schema: { tags, summary: 'Create a pool', body: CreatePoolBody, response: { 201: Envelope(PoolView), ...errors } } },
    async (req, reply) => reply.code(201).send(app.ok(await pools.create(req.body, actor(req)), 'pool created')),
  );

  app.get(
    '/pools/:id',
    {
      onRequest: guard(allow.admin, allow.read, allow.poolMember('id')),
      schema: {
        tags,
        summary: 'A pool: settings, members, target, statistics',
        params: IdParams,
        response: { 200: Envelope(PoolDetail), ...errors },
      },
    },
    async (req) => app.ok(await pools.get(req.params.id, principalOf(req))),
  );

  app.put(
    '/pools/:id',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Update name, description or settings (merged)',
        params: IdParams,
        body: UpdatePoolBody,
        response: { 200: Envelope(PoolView), ...errors },
      },
    },
    async (req) => app.ok(await pools.update(req.params.id, req.body, actor(req)), 'pool updated'),
  );

  app.delete(
    '/pools/:id',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Delete a pool (force=true when it has members)',
        params: IdParams,
        querystring: DeletePoolQuery,
        response: { 200: Envelope(PoolDeleted), ...errors },
      },
    },
    async (req) => app.ok(await pools.delete(req.params.id, req.query.force ?? false, actor(req)), 'pool deleted'),
  );

  app.post(
    '/pools/:id/endpoints',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Assign an endpoint (moves it from its current pool)',
        params: IdParams,
        body: AssignEndpointBody,
        response: { 200: Envelope(EndpointView), ...errors },
      },
    },
    async (req) => app.ok(await pools.assign(req.params.id, req.body.endpoint_id, actor(req)), 'endpoint assigned'),
  );

  app.delete(
    '/pools/:id/endpoints/:eid',
    {
      onRequest: admin,
      schema: { tags, summary: 'Remove an endpoint from the pool', params: PoolEndpointParams, response: { 200: Envelope(EndpointView), ...errors } },
    },
    async (req) => app.ok(await pools.unassign(req.params.id, req.params.eid, actor(req)), 'endpoint unassigned'),
  );

  app.get(
    '/pools/:id/states',
    {
      onRequest: guard(allow.admin, allow.read, allow.poolMember('id')),
      schema: {
        tags,
        summary: 'State history, newest first',
        params: IdParams,
        querystring: PoolStatesQuery,
        response: { 200: Envelope(Page(StateSummary)), ...errors },
      },
    },
    async (req) => app.ok(await states.history(req.params.id, req.query, principalOf(req))),
  );

  app.post(
    '/pools/:id/revert-target',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Make an earlier target the target again',
        params: IdParams,
        body: RevertTargetBody,
        response: { 200: Envelope(TargetReverted), ...errors },
      },
    },
    async (req) => app.ok(await poolTargets.revert(req.params.id, req.body ?? {}, actor(req)), 'pool target reverted'),
  );
};
