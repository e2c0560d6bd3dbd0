// `GET /api/v1/ws`: the WebSocket (protocol in src/contracts/realtime.contract.ts). Any valid key;
// what it may subscribe to is scoped by WsHub. Browsers cannot set an Authorization header on a
// WebSocket, so the key may come as `?token=` instead (also percent-encoded, `?%74oken=`: the
// query parser decodes names, so both are the same parameter); the request logger redacts it
// either way (auth/key-redaction.ts), and it is never echoed. A plain GET (no upgrade) answers which channels the key may use.
import websocket from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Envelope, ErrorEnvelope } from '../../contracts/common.contract.js';
import { WS_MESSAGE_TYPES, WsInfo, WsQuery } from '../../contracts/realtime.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';
import { AuthenticationError } from '../auth/principal.js';
import { WsHub } from '../events/ws-hub.js';

/** Largest message a client may send (subscriptions are tiny). */
const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

export const wsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app.deps;
  await app.register(websocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES } });
  const hub = services.realtime;
  app.addHook('onClose', async () => hub.close());

  /** Authenticates with `?token=` when no Authorization header was sent. */
  const tokenFromQuery = async (req: FastifyRequest): Promise<void> => {
    if (req.principal || req.authError || req.headers.authorization !== undefined) return;
    const token = (req.query as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token === '') return;
    try {
      req.principal = await services.apiKeys.authenticate(`Bearer ${token}`);
    } catch (err) {
      if (!(err instanceof AuthenticationError)) throw err;
      req.authError = err;
    }
  };

  app.route({
    method: 'GET',
    url: '/ws',
    onRequest: [tokenFromQuery, guard(allow.admin, allow.read, allow.enroll, allow.anyEndpoint)],
    schema: {
      tags: ['realtime'],
      summary: 'WebSocket: subscribe to pool.<id> / endpoint.<id> for sync_status, pool_update, endpoint_status, operation_progress',
      description:
        'Upgrade with an API key (Authorization: Bearer, or ?token=). Send {"action":"subscribe","channel":"pool.<id>"}; ' +
        'messages arrive as {type, channel, data, timestamp}. A plain GET answers the channels this key may subscribe to.',
      querystring: WsQuery,
      response: { 200: Envelope(WsInfo), ...{ '4xx': ErrorEnvelope } },
    },
    handler: async (req) =>
      app.ok({
        protocol: 'websocket' as const,
        url: '/api/v1/ws',
        channels: WsHub.channelsFor(principalOf(req)),
        message_types: [...WS_MESSAGE_TYPES],
      }),
    wsHandler: (socket, req) => {
      hub.attach(socket, principalOf(req));
    },
  });
};
