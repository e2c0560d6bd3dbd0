// API keys (SPEC §5 "Auth"). A key is shown once, at creation; lists never carry it or its hash.
import { Type } from '@sinclair/typebox';
import { DisplayName, IsoTimestamp, NullableIsoTimestamp, Uuid } from './common.contract.js';
/**
 * admin: everything. read: GET only. enroll: register endpoints (optionally into one pool).
 * endpoint: one endpoint's own reports and operations, its pool's target and states.
 */
export const KeyRole = Type.Union([
    Type.Literal('admin'),
    Type.Literal('read'),
    Type.Literal('enroll'),
    Type.Literal('endpoint'),
]);
/** What `api_keys.permissions` holds. */
export const KeyPermissions = Type.Object({
    role: KeyRole,
    pool_id: Type.Optional(Uuid),
    endpoint_id: Type.Optional(Uuid),
});
export const CreateKeyBody = Type.Object({
    role: KeyRole,
    name: DisplayName,
    /** enroll only: registrations land in (and are limited to) this pool. */
    pool_id: Type.Optional(Uuid),
    /** endpoint only (required there): the endpoint the key acts as. */
    endpoint_id: Type.Optional(Uuid),
    /** Must be in the future. */
    expires_at: Type.Optional(IsoTimestamp),
}, { additionalProperties: false });
export const KeyView = Type.Object({
    id: Uuid,
    name: Type.Union([Type.String(), Type.Null()]),
    role: KeyRole,
    pool_id: Type.Union([Uuid, Type.Null()]),
    endpoint_id: Type.Union([Uuid, Type.Null()]),
    is_active: Type.Boolean(),
    last_used: NullableIsoTimestamp,
    expires_at: NullableIsoTimestamp,
    created_at: IsoTimestamp,
});
export const CreatedKey = Type.Composite([
    KeyView,
    Type.Object({
        /** The secret. Shown once; only its SHA-256 is stored. */
        api_key: Type.String(),
    }),
]);
export const KeyListQuery = Type.Object({
    role: Type.Optional(KeyRole),
    include_revoked: Type.Optional(Type.Boolean({ default: false })),
}, { additionalProperties: false });
//# sourceMappingURL=key.contract.js.map