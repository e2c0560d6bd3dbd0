import { type Static } from '@sinclair/typebox';
export declare const CHANNEL_PATTERN = "^(pool|endpoint)\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
export declare const WsClientMessage: import("@sinclair/typebox").TObject<{
    action: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"subscribe">, import("@sinclair/typebox").TLiteral<"unsubscribe">, import("@sinclair/typebox").TLiteral<"ping">]>;
    channel: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type WsClientMessage = Static<typeof WsClientMessage>;
export declare const WS_MESSAGE_TYPES: readonly ["sync_status", "pool_update", "endpoint_status", "operation_progress"];
export declare const WsQuery: import("@sinclair/typebox").TObject<{
    /** The API key, for clients that cannot set headers (browsers). Never logged. */
    token: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type WsQuery = Static<typeof WsQuery>;
/** Answer to a plain (non-upgrade) GET: what this key could subscribe to. */
export declare const WsInfo: import("@sinclair/typebox").TObject<{
    protocol: import("@sinclair/typebox").TLiteral<"websocket">;
    url: import("@sinclair/typebox").TString;
    /** `*` for any pool/endpoint; otherwise the channels this key may subscribe to. */
    channels: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    message_types: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
}>;
export type WsInfo = Static<typeof WsInfo>;
