// /keys: API key management (admin only). The secret is in the 201 answer of POST and nowhere else.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Envelope, ErrorEnvelope, IdParams } from '../../contracts/common.contract.js';
import { CreatedKey, CreateKeyBody, KeyListQuery, KeyView } from '../../contracts/key.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';

const tags = ['keys'];
const errors = { '4xx': ErrorEnvelope };

export const keyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { apiKeys } = app.deps.services;
  const adminOnly = guard(allow.admin);

  app.post(
    '/keys',
    {
      onRequest: adminOnly,
      schema: { tags, summary: 'Create an API key (shown once)', body: CreateKeyBody, response: { 201: Envelope(CreatedKey), ...errors } },
    },
    async (req, reply) => {
      const created = await apiKeys.create(req.body, actorOf(principalOf(req)));
      return reply.code(201).send(app.ok(created, 'store this key now: it is not shown again'));
    },
  );

  app.get(
    '/keys',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'List API keys (never the secrets)',
        querystring: KeyListQuery,
        response: { 200: Envelope(Type.Array(KeyView)), ...errors },
      },
    },
    async (req) => app.ok(await apiKeys.list(req.query)),
  );

  app.delete(
    '/keys/:id',
    { onRequest: adminOnly, schema: { tags, summary: 'Revoke an API key', params: IdParams, response: { 200: Envelope(KeyView), ...errors } } },
    async (req) => app.ok(await apiKeys.revoke(req.params.id, actorOf(principalOf(req))), 'API key revoked'),
  );
};
