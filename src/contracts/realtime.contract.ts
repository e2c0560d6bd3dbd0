// The WebSocket protocol of `GET /api/v1/ws` (README "API keys and the HTTP API"). The client authenticates with its API key
// (Authorization header, or `?token=` for browsers); the server greets it with
// {"type":"welcome","data":{"channels":[…],"message_types":[…]}}; then it subscribes to channels:
//
//   → {"action":"subscribe","channel":"pool.<id>"}      ← {"type":"subscribed","channel":"pool.<id>",…}
//   → {"action":"unsubscribe","channel":"pool.<id>"}    ← {"type":"unsubscribed",…}
//   → {"action":"ping"}                                 ← {"type":"pong",…}
//
// News arrives as {type, channel, data, timestamp} with type sync_status, pool_update,
// endpoint_status or operation_progress; a refused or malformed request gets
// {type:"error", channel?, error:{code, message}, timestamp} and the connection stays open.
// Admin and read keys may subscribe to any pool or endpoint; an endpoint key to its own endpoint
// and its own pool only; enroll keys to nothing. The key is re-checked on every subscribe: once it
// is revoked or expired (or its endpoint deleted) the server sends an error and closes the socket
// with WS_CLOSE_ACCESS_REVOKED and the reason. An endpoint moved out of a pool gets
// {"type":"unsubscribed","channel":"pool.<old>","reason":…,"data":{"pool_id":<new>}}; an endpoint
// deleted ends every subscription to it the same way.
import { Type, type Static } from '@sinclair/typebox';

export const CHANNEL_PATTERN = '^(pool|endpoint)\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const WsClientMessage = Type.Object(
  {
    action: Type.Union([Type.Literal('subscribe'), Type.Literal('unsubscribe'), Type.Literal('ping')]),
    channel: Type.Optional(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);
export type WsClientMessage = Static<typeof WsClientMessage>;

/** Close code (application range) of a socket whose key no longer admits it; the reason says why. */
export const WS_CLOSE_ACCESS_REVOKED = 4401;

export const WS_MESSAGE_TYPES = ['sync_status', 'pool_update', 'endpoint_status', 'operation_progress'] as const;

export const WsQuery = Type.Object(
  {
    /** The API key, for clients that cannot set headers (browsers). Never logged. */
    token: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type WsQuery = Static<typeof WsQuery>;

/** Answer to a plain (non-upgrade) GET: what this key could subscribe to. */
export const WsInfo = Type.Object({
  protocol: Type.Literal('websocket'),
  url: Type.String(),
  /** `*` for any pool/endpoint; otherwise the channels this key may subscribe to. */
  channels: Type.Array(Type.String()),
  message_types: Type.Array(Type.String()),
});
export type WsInfo = Static<typeof WsInfo>;
