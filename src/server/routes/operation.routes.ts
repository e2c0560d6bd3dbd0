// Operations (README "API keys and the HTTP API"): starting them — sync, set-latest, revert (the endpoint itself or an
// admin), sync-all (admin) —, their life cycle — progress/complete/fail (the operation's own
// endpoint), cancel (its endpoint or an admin) — and the lists (admin, read; an endpoint its own).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope, IdempotencyHeaders, IdParams, Page } from '../../contracts/common.contract.js';
import {
  CompleteBody,
  FailBody,
  FleetOperationListQuery,
  OperationListQuery,
  OperationView,
  ProgressBody,
  RevertBody,
  SetLatestBody,
  SyncOptions,
} from '../../contracts/operation.contract.js';
import { OperationWithPlan, SetLatestResult, SyncAllResult } from '../../contracts/sync.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import { IDEMPOTENCY_HEADER_DOC, idempotencyOf, markReplayed } from './idempotency-header.js';
import { REPORT_BODY_LIMIT_SETTING } from './report.routes.js';

const errors = { '4xx': ErrorEnvelope };

export const operationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { syncs, setLatest, operations } = app.deps.services;
  // Completing or failing may carry the state reached: the same limit as a state report.
  const stateBodyLimit = app.deps.config.server.max_report_size;
  const selfOrAdmin = guard(allow.admin, allow.endpointSelf('id'));
  const actor = (req: Parameters<typeof principalOf>[0]) => actorOf(principalOf(req));
  const tags = ['operations'];

  app.post(
    '/endpoints/:id/sync',
    {
      onRequest: selfOrAdmin,
      schema: {
        tags,
        summary: 'Plan (dry_run) or request a sync of the endpoint to its pool target',
        description:
          'dry_run stores a completed operation holding the plan; otherwise a pending operation the ' +
          'agent then drives. 409 SYNC_IN_PROGRESS while another operation of the endpoint is active.',
        params: IdParams,
        body: SyncOptions,
        response: { 201: Envelope(OperationWithPlan), ...errors },
      },
    },
    async (req, reply) => {
      const r = await syncs.sync(req.params.id, req.body ?? {}, actor(req));
      return reply.code(201).send(app.ok(r, r.plan.dry_run ? 'sync planned (dry run)' : 'sync requested'));
    },
  );

  app.post(
    '/endpoints/:id/set-latest',
    {
      onRequest: selfOrAdmin,
      schema: {
        tags,
        summary: "Make the endpoint's state (or some of its packages) the pool's target",
        description:
          '422 INVALID_STATE when the new target would leave dependencies unsatisfied ' +
          '(force, admin keys only, stores it flagged). 403 ENDPOINT_NOT_APPROVED ' +
          "for an endpoint pending approval; 403 from an endpoint key when the pool's " +
          'set_latest_by is admins. Concurrent calls on one pool are serialised.',
        params: IdParams,
        body: SetLatestBody,
        response: { 200: Envelope(SetLatestResult), 201: Envelope(SetLatestResult), ...errors },
      },
    },
    async (req, reply) => {
      const r = await setLatest.setLatest(req.params.id, req.body ?? {}, principalOf(req));
      return reply.code(r.dry_run ? 200 : 201).send(app.ok(r, r.dry_run ? 'target previewed (dry run)' : 'target set'));
    },
  );

  app.post(
    '/endpoints/:id/revert',
    {
      onRequest: selfOrAdmin,
      schema: {
        tags,
        summary: 'Plan (dry_run) or request a revert to the state before the last sync (or target_state_id)',
        params: IdParams,
        body: RevertBody,
        response: { 201: Envelope(OperationWithPlan), ...errors },
      },
    },
    async (req, reply) => {
      const r = await syncs.revert(req.params.id, req.body ?? {}, actor(req));
      return reply.code(201).send(app.ok(r, r.plan.dry_run ? 'revert planned (dry run)' : 'revert requested'));
    },
  );

  app.post(
    '/pools/:id/sync-all',
    {
      onRequest: guard(allow.admin),
      schema: {
        tags,
        summary: 'Request a sync for every member of the pool (members with an active operation are skipped)',
        params: IdParams,
        body: SyncOptions,
        response: { 200: Envelope(SyncAllResult), ...errors },
      },
    },
    async (req) => {
      const r = await syncs.syncAll(req.params.id, req.body ?? {}, actor(req));
      return app.ok(r, `${r.created.length} operation(s) created, ${r.skipped.length} skipped`);
    },
  );

  app.get(
    '/endpoints/:id/operations',
    {
      onRequest: guard(allow.admin, allow.read, allow.endpointSelf('id')),
      schema: {
        tags,
        summary: "The endpoint's operations, newest first",
        params: IdParams,
        querystring: OperationListQuery,
        response: { 200: Envelope(Page(OperationView)), ...errors },
      },
    },
    async (req) => app.ok(await operations.listForEndpoint(req.params.id, req.query)),
  );

  app.get(
    '/pools/:id/operations',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: {
        tags,
        summary: "The pool's operations, newest first",
        params: IdParams,
        querystring: OperationListQuery,
        response: { 200: Envelope(Page(OperationView)), ...errors },
      },
    },
    async (req) => app.ok(await operations.listForPool(req.params.id, req.query)),
  );

  app.get(
    '/operations',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: {
        tags,
        summary: "The whole fleet's operations, newest first (optionally of one pool or endpoint)",
        querystring: FleetOperationListQuery,
        response: { 200: Envelope(Page(OperationView)), ...errors },
      },
    },
    async (req) => app.ok(await operations.listAll(req.query)),
  );

  app.get(
    '/operations/:id',
    {
      onRequest: guard(allow.admin, allow.read, allow.anyEndpoint),
      schema: { tags, summary: 'One operation with its plan and progress', params: IdParams, response: { 200: Envelope(OperationView), ...errors } },
    },
    async (req) => app.ok(await operations.get(req.params.id, principalOf(req))),
  );

  const own = guard(allow.anyEndpoint);
  app.post(
    '/operations/:id/progress',
    {
      onRequest: own,
      schema: {
        tags,
        summary: 'Report progress (the first report starts a pending operation)',
        description: `Idempotency-Key header: ${IDEMPOTENCY_HEADER_DOC}`,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ProgressBody,
        response: { 200: Envelope(OperationView), ...errors },
      },
    },
    async (req, reply) => {
      const idem = idempotencyOf(req);
      const r = await operations.progress(req.params.id, req.body, principalOf(req), idem);
      markReplayed(reply, idem);
      return app.ok(r);
    },
  );

  app.post(
    '/operations/:id/complete',
    {
      onRequest: own,
      bodyLimit: stateBodyLimit,
      config: { bodyLimitSetting: REPORT_BODY_LIMIT_SETTING },
      schema: {
        tags,
        summary: 'Complete the operation, optionally with the state reached',
        description: `Idempotency-Key header: ${IDEMPOTENCY_HEADER_DOC}`,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CompleteBody,
        response: { 200: Envelope(OperationView), ...errors },
      },
    },
    async (req, reply) => {
      const idem = idempotencyOf(req);
      const r = await operations.complete(req.params.id, req.body ?? {}, principalOf(req), idem);
      markReplayed(reply, idem);
      return app.ok(r, 'operation completed');
    },
  );

  app.post(
    '/operations/:id/fail',
    {
      onRequest: own,
      bodyLimit: stateBodyLimit,
      config: { bodyLimitSetting: REPORT_BODY_LIMIT_SETTING },
      schema: {
        tags,
        summary: "Fail the operation with pacman's message, optionally with the state reached",
        description: `Idempotency-Key header: ${IDEMPOTENCY_HEADER_DOC}`,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: FailBody,
        response: { 200: Envelope(OperationView), ...errors },
      },
    },
    async (req, reply) => {
      const idem = idempotencyOf(req);
      const r = await operations.fail(req.params.id, req.body, principalOf(req), idem);
      markReplayed(reply, idem);
      return app.ok(r, 'operation failed');
    },
  );

  app.post(
    '/operations/:id/cancel',
    {
      onRequest: guard(allow.admin, allow.anyEndpoint),
      schema: { tags, summary: 'Cancel a pending or in-progress operation', params: IdParams, response: { 200: Envelope(OperationView), ...errors } },
    },
    async (req) => {
      return app.ok(await operations.cancel(req.params.id, principalOf(req)), 'operation cancelled');
    },
  );
};
