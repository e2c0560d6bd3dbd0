import { type Static } from '@sinclair/typebox';
export declare const EventSeverity: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"info">, import("@sinclair/typebox").TLiteral<"warning">, import("@sinclair/typebox").TLiteral<"error">, import("@sinclair/typebox").TLiteral<"critical">]>;
export type EventSeverity = Static<typeof EventSeverity>;
/** Event types are snake_case words (`pool_created`, `endpoint_registered`, …). */
export declare const EventType: import("@sinclair/typebox").TString;
export declare const EventListQuery: import("@sinclair/typebox").TObject<{
    event_type: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    severity: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"info">, import("@sinclair/typebox").TLiteral<"warning">, import("@sinclair/typebox").TLiteral<"error">, import("@sinclair/typebox").TLiteral<"critical">]>>;
    endpoint_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    pool_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    /** Only events at or after this instant. */
    since: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    limit: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    offset: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
}>;
export type EventListQuery = Static<typeof EventListQuery>;
export declare const EventView: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    event_type: import("@sinclair/typebox").TString;
    severity: import("@sinclair/typebox").TString;
    message: import("@sinclair/typebox").TString;
    details: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
    /** Who did it: the API key's name and id (never the key), `cli`, or `system`. */
    user_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
}>;
export type EventView = Static<typeof EventView>;
