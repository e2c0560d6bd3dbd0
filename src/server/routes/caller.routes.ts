// `GET /me`: who the calling key is (role, name, scope; never the secret). Any valid key. The web
// UI reads it at sign-in to show or hide actions, instead of probing routes the key may not use.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, ErrorEnvelope } from '../../contracts/common.contract.js';
import { CallerView } from '../../contracts/key.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';

export const callerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      onRequest: guard(allow.admin, allow.read, allow.enroll, allow.anyEndpoint),
      schema: {
        tags: ['keys'],
        summary: 'The calling API key: role, name and scope (never the secret)',
        response: { 200: Envelope(CallerView), '4xx': ErrorEnvelope },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return app.ok({ key_id: p.keyId, name: p.name, role: p.role, pool_id: p.poolId, endpoint_id: p.endpointId, expires_at: p.expiresAt ?? null });
    },
  );
};
