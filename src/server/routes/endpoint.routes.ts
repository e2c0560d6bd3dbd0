// /endpoints: registration (enroll, admin), list (admin, read), detail/update/delete (admin;
// read: detail; the endpoint itself: its own), per-package drift (admin, read), approval (admin)
// and key rotation (admin, the endpoint itself).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope, IdParams, Page } from '../../contracts/common.contract.js';
import { RotatedKey } from '../../contracts/key.contract.js';
import {
  EndpointDeleted,
  EndpointDetail,
  EndpointDriftReport,
  EndpointListQuery,
  EndpointView,
  RegisteredEndpoint,
  RegisterEndpointBody,
  UpdateEndpointBody,
} from '../../contracts/endpoint.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';

const tags = ['endpoints'];
const errors = { '4xx': ErrorEnvelope };

export const endpointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { endpoints, enrollment, apiKeys, driftTracker } = app.deps.services;

  app.post(
    '/endpoints',
    {
      onRequest: guard(allow.admin, allow.enroll),
      schema: {
        tags,
        summary: 'Register a machine; answers its own API key once',
        body: RegisterEndpointBody,
        response: { 201: Envelope(RegisteredEndpoint), ...errors },
      },
    },
    async (req, reply) => {
      const created = await endpoints.register(req.body, principalOf(req));
      const pending = created.approval === 'pending' ? '; it is pending approval by an admin (no target changes, no operations until then)' : '';
      return reply.code(201).send(app.ok(created, `endpoint registered: store api_key now, it is not shown again${pending}`));
    },
  );

  app.get(
    '/endpoints',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: {
        tags,
        summary: 'List endpoints (filters, pagination)',
        querystring: EndpointListQuery,
        response: { 200: Envelope(Page(EndpointView)), ...errors },
      },
    },
    async (req) => app.ok(await endpoints.list(req.query)),
  );

  app.get(
    '/endpoints/:id',
    {
      onRequest: guard(allow.admin, allow.read, allow.endpointSelf('id')),
      schema: {
        tags,
        summary: 'An endpoint with system info, package summary and recent activity',
        params: IdParams,
        response: { 200: Envelope(EndpointDetail), ...errors },
      },
    },
    async (req) => app.ok(await endpoints.get(req.params.id)),
  );

  app.get(
    '/endpoints/:id/drift',
    {
      onRequest: guard(allow.admin, allow.read),
      schema: {
        tags,
        summary:
          "The endpoint's drift against its pool's target, package by package (missing, behind, ahead, extra, foreign, excluded; both versions)",
        params: IdParams,
        response: { 200: Envelope(EndpointDriftReport), ...errors },
      },
    },
    async (req) => app.ok(await driftTracker.endpointDetails(req.params.id)),
  );

  app.put(
    '/endpoints/:id',
    {
      onRequest: guard(allow.admin, allow.endpointSelf('id')),
      schema: {
        tags,
        summary: 'Update name, hostname, pool (admin) or system info',
        params: IdParams,
        body: UpdateEndpointBody,
        response: { 200: Envelope(EndpointView), ...errors },
      },
    },
    async (req) => {
      return app.ok(await endpoints.update(req.params.id, req.body, principalOf(req)), 'endpoint updated');
    },
  );

  app.delete(
    '/endpoints/:id',
    {
      onRequest: guard(allow.admin, allow.endpointSelf('id')),
      schema: {
        tags,
        summary: 'Delete an endpoint with its key, states and operations',
        params: IdParams,
        response: { 200: Envelope(EndpointDeleted), ...errors },
      },
    },
    async (req) => app.ok(await endpoints.delete(req.params.id, actorOf(principalOf(req))), 'endpoint deleted'),
  );

  app.post(
    '/endpoints/:id/approve',
    {
      onRequest: guard(allow.admin),
      schema: {
        tags,
        summary: 'Approve an endpoint pending approval: it may then set the target and get operations',
        params: IdParams,
        response: { 200: Envelope(EndpointView), ...errors },
      },
    },
    async (req) => app.ok(await enrollment.approve(req.params.id, actorOf(principalOf(req))), 'endpoint approved'),
  );

  app.post(
    '/endpoints/:id/reject',
    {
      onRequest: guard(allow.admin),
      schema: {
        tags,
        summary: 'Reject an endpoint: its keys are revoked and it can do nothing any more',
        params: IdParams,
        response: { 200: Envelope(EndpointView), ...errors },
      },
    },
    async (req) => app.ok(await enrollment.reject(req.params.id, actorOf(principalOf(req))), 'endpoint rejected, its API key revoked'),
  );

  app.post(
    '/endpoints/:id/rotate-key',
    {
      onRequest: guard(allow.admin, allow.endpointSelf('id')),
      schema: {
        tags,
        summary: 'Issue the endpoint a new API key (answered once); its previous key is revoked',
        params: IdParams,
        response: { 201: Envelope(RotatedKey), ...errors },
      },
    },
    async (req, reply) => {
      const rotated = await apiKeys.rotateEndpointKey(req.params.id, actorOf(principalOf(req)));
      return reply.code(201).send(app.ok(rotated, 'store api_key now: it is not shown again; the previous key is revoked'));
    },
  );
};
