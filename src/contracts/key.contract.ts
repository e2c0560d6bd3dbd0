// API keys (README "API keys and the HTTP API"). A key is shown once, at creation; lists never carry it or its hash.
import { Type, type Static } from '@sinclair/typebox';
import { DisplayName, IsoTimestamp, NullableIsoTimestamp, Uuid } from './common.contract.js';

/**
 * admin: everything. read: GET only. enroll: register endpoints (optionally into one pool).
 * endpoint: one endpoint's own reports and operations, its pool's target and states.
 */
export const KeyRole = Type.Union([Type.Literal('admin'), Type.Literal('read'), Type.Literal('enroll'), Type.Literal('endpoint')]);
export type KeyRole = Static<typeof KeyRole>;

/** What `api_keys.permissions` holds. */
export const KeyPermissions = Type.Object({
  role: KeyRole,
  pool_id: Type.Optional(Uuid),
  endpoint_id: Type.Optional(Uuid),
  /** enroll only: endpoints it registers are approved at once instead of pending. */
  auto_approve: Type.Optional(Type.Boolean()),
});

/** The largest `max_uses` an enroll key may be given. */
export const MAX_KEY_USES = 1_000_000;
export type KeyPermissions = Static<typeof KeyPermissions>;

export const CreateKeyBody = Type.Object(
  {
    role: KeyRole,
    name: DisplayName,
    /** enroll only: registrations land in (and are limited to) this pool. */
    pool_id: Type.Optional(Uuid),
    /** The same pool by its name (instead of pool_id). */
    pool: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    /** endpoint only (required there): the endpoint the key acts as. */
    endpoint_id: Type.Optional(Uuid),
    /** Must be in the future. */
    expires_at: Type.Optional(IsoTimestamp),
    /**
     * enroll only: endpoints registered with this key are approved at once. Without it they are
     * `pending` (reports accepted; no say in the target, no operations) until an admin approves.
     */
    auto_approve: Type.Optional(Type.Boolean()),
    /** enroll only: how many endpoints the key may register (default: no limit). */
    max_uses: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_KEY_USES })),
  },
  { additionalProperties: false },
);
export type CreateKeyBody = Static<typeof CreateKeyBody>;

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
  /** enroll: endpoints registered with it so far (0 for other roles). */
  uses: Type.Integer({ minimum: 0 }),
  /** enroll: how many it may register; null: no limit. */
  max_uses: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** enroll: whether the endpoints it registers are approved at once. */
  auto_approve: Type.Boolean(),
});
export type KeyView = Static<typeof KeyView>;

export const CreatedKey = Type.Composite([
  KeyView,
  Type.Object({
    /** The secret. Shown once; only its SHA-256 is stored. */
    api_key: Type.String(),
  }),
]);
export type CreatedKey = Static<typeof CreatedKey>;

export const KeyListQuery = Type.Object(
  {
    role: Type.Optional(KeyRole),
    include_revoked: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type KeyListQuery = Static<typeof KeyListQuery>;

/** `POST /endpoints/{id}/rotate-key`: the endpoint's new key (shown once) and the keys it replaced. */
export const RotatedKey = Type.Object({
  endpoint_id: Uuid,
  /** The new secret. Shown once; only its SHA-256 is stored. */
  api_key: Type.String(),
  api_key_id: Uuid,
  /** The endpoint's previous keys, revoked. */
  revoked_key_ids: Type.Array(Uuid),
});
export type RotatedKey = Static<typeof RotatedKey>;

/**
 * `GET /me`: the calling key itself (never its secret), so a client such as the web UI knows its
 * role without trying a request it may not make.
 */
export const CallerView = Type.Object({
  key_id: Uuid,
  name: Type.Union([Type.String(), Type.Null()]),
  role: KeyRole,
  pool_id: Type.Union([Uuid, Type.Null()]),
  endpoint_id: Type.Union([Uuid, Type.Null()]),
  expires_at: NullableIsoTimestamp,
});
export type CallerView = Static<typeof CallerView>;
