import { type Static } from '@sinclair/typebox';
/**
 * admin: everything. read: GET only. enroll: register endpoints (optionally into one pool).
 * endpoint: one endpoint's own reports and operations, its pool's target and states.
 */
export declare const KeyRole: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"admin">, import("@sinclair/typebox").TLiteral<"read">, import("@sinclair/typebox").TLiteral<"enroll">, import("@sinclair/typebox").TLiteral<"endpoint">]>;
export type KeyRole = Static<typeof KeyRole>;
/** What `api_keys.permissions` holds. */
export declare const KeyPermissions: import("@sinclair/typebox").TObject<{
    role: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"admin">, import("@sinclair/typebox").TLiteral<"read">, import("@sinclair/typebox").TLiteral<"enroll">, import("@sinclair/typebox").TLiteral<"endpoint">]>;
    pool_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    endpoint_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type KeyPermissions = Static<typeof KeyPermissions>;
export declare const CreateKeyBody: import("@sinclair/typebox").TObject<{
    role: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"admin">, import("@sinclair/typebox").TLiteral<"read">, import("@sinclair/typebox").TLiteral<"enroll">, import("@sinclair/typebox").TLiteral<"endpoint">]>;
    name: import("@sinclair/typebox").TString;
    /** enroll only: registrations land in (and are limited to) this pool. */
    pool_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    /** endpoint only (required there): the endpoint the key acts as. */
    endpoint_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    /** Must be in the future. */
    expires_at: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type CreateKeyBody = Static<typeof CreateKeyBody>;
export declare const KeyView: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    name: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    role: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"admin">, import("@sinclair/typebox").TLiteral<"read">, import("@sinclair/typebox").TLiteral<"enroll">, import("@sinclair/typebox").TLiteral<"endpoint">]>;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    is_active: import("@sinclair/typebox").TBoolean;
    last_used: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    expires_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
}>;
export type KeyView = Static<typeof KeyView>;
export declare const CreatedKey: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    id: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
    endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    role: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"admin">, import("@sinclair/typebox").TLiteral<"read">, import("@sinclair/typebox").TLiteral<"enroll">, import("@sinclair/typebox").TLiteral<"endpoint">]>;
    expires_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    is_active: import("@sinclair/typebox").TBoolean;
    last_used: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    api_key: import("@sinclair/typebox").TString;
}>;
export type CreatedKey = Static<typeof CreatedKey>;
export declare const KeyListQuery: import("@sinclair/typebox").TObject<{
    role: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"admin">, import("@sinclair/typebox").TLiteral<"read">, import("@sinclair/typebox").TLiteral<"enroll">, import("@sinclair/typebox").TLiteral<"endpoint">]>>;
    include_revoked: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
}>;
export type KeyListQuery = Static<typeof KeyListQuery>;
