// Endpoints: the machines (README "API keys and the HTTP API"). Registration returns the
// endpoint's own API key exactly once.
import { Type, type Static } from '@sinclair/typebox';
import { IsoTimestamp, JsonObject, NullableIsoTimestamp, PaginationProperties, Uuid } from './common.contract.js';
import { EventView } from './event.contract.js';
import { OperationView } from './operation.contract.js';
import { DriftCountsSchema, DriftDetailsSchema } from './report.contract.js';

/** Endpoint name: hostname-like (letters, digits, `._@+-`), 1–255, starting alphanumeric. */
export const ENDPOINT_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@+-]*$';
export const EndpointName = Type.String({ minLength: 1, maxLength: 255, pattern: ENDPOINT_NAME_PATTERN });

/** RFC 1123 host name (labels of letters, digits and `-`, dot separated), ≤ 253 characters. */
export const HOSTNAME_PATTERN = '^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$';
export const Hostname = Type.String({ minLength: 1, maxLength: 253, pattern: HOSTNAME_PATTERN });

export const EndpointStatus = Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('error')]);
export type EndpointStatus = Static<typeof EndpointStatus>;

/**
 * Enrollment approval. `pending`: registered with an enroll key and not yet approved by an admin —
 * its reports are accepted, but it cannot set the target and gets no operations. `approved`:
 * a full member. `rejected`: its keys are revoked; it can do nothing (an admin may delete it).
 */
export const EndpointApproval = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);
export type EndpointApproval = Static<typeof EndpointApproval>;

export const SyncStatus = Type.Union([
  Type.Literal('in_sync'),
  Type.Literal('behind'),
  Type.Literal('ahead'),
  Type.Literal('sync_pending'),
  Type.Literal('unknown'),
]);
export type SyncStatus = Static<typeof SyncStatus>;

/**
 * What the agent tells about its machine (seed `system_info`). The known keys are typed; other
 * keys are kept as given (bounded by the 1 MiB body limit and MAX_SYSTEM_INFO_KEYS).
 */
export const MAX_SYSTEM_INFO_KEYS = 64;
export const SystemInfo = Type.Object(
  {
    architecture: Type.Optional(Type.String({ maxLength: 64 })),
    pacman_version: Type.Optional(Type.String({ maxLength: 64 })),
    kernel: Type.Optional(Type.String({ maxLength: 255 })),
    total_packages: Type.Optional(Type.Integer({ minimum: 0 })),
    available_repos: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 256 })),
    client_version: Type.Optional(Type.String({ maxLength: 64 })),
    os_release: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: true, maxProperties: MAX_SYSTEM_INFO_KEYS },
);
export type SystemInfo = Static<typeof SystemInfo>;

export const RegisterEndpointBody = Type.Object(
  {
    name: EndpointName,
    hostname: Hostname,
    /** Pool to join. An enroll key bound to a pool puts the endpoint there (and refuses others). */
    pool_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
    /** The same pool by its name (instead of pool_id). */
    pool: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    system_info: Type.Optional(SystemInfo),
  },
  { additionalProperties: false },
);
export type RegisterEndpointBody = Static<typeof RegisterEndpointBody>;

export const UpdateEndpointBody = Type.Object(
  {
    name: Type.Optional(EndpointName),
    hostname: Type.Optional(Hostname),
    /** null leaves the pool; an id moves the endpoint (admin only). */
    pool_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
    system_info: Type.Optional(SystemInfo),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateEndpointBody = Static<typeof UpdateEndpointBody>;

export const EndpointSortField = Type.Union([
  Type.Literal('name'),
  Type.Literal('last_seen'),
  Type.Literal('status'),
  Type.Literal('sync_status'),
  Type.Literal('created_at'),
]);
export type EndpointSortField = Static<typeof EndpointSortField>;

export const SortOrder = Type.Union([Type.Literal('asc'), Type.Literal('desc')]);
export type SortOrder = Static<typeof SortOrder>;

export const EndpointListQuery = Type.Object(
  {
    ...PaginationProperties,
    pool_id: Type.Optional(Uuid),
    status: Type.Optional(EndpointStatus),
    sync_status: Type.Optional(SyncStatus),
    approval: Type.Optional(EndpointApproval),
    /** Substring of name or hostname. */
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    /** Column to sort by (default name); ties broken by id so pages are stable. */
    sort: Type.Optional(EndpointSortField),
    /** Default asc. Never-seen endpoints sort as the oldest by `last_seen` (first ascending, last descending). */
    order: Type.Optional(SortOrder),
  },
  { additionalProperties: false },
);
export type EndpointListQuery = Static<typeof EndpointListQuery>;

/**
 * Drift counts against the pool target (README "Domain rules": Drift), kept current by the server; null before the
 * first report or without a target. Shape owned by src/core's drift computation.
 */
export const PackageSummary = Type.Union([JsonObject, Type.Null()]);

export const EndpointView = Type.Object({
  id: Uuid,
  name: Type.String(),
  hostname: Type.String(),
  pool_id: Type.Union([Uuid, Type.Null()]),
  status: Type.String(),
  sync_status: Type.String(),
  approval: EndpointApproval,
  system_info: JsonObject,
  package_summary: PackageSummary,
  last_seen: NullableIsoTimestamp,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
export type EndpointView = Static<typeof EndpointView>;

export const RegisteredEndpoint = Type.Composite([
  EndpointView,
  Type.Object({
    /** The endpoint's own API key. Shown once, never again. */
    api_key: Type.String(),
    api_key_id: Uuid,
  }),
]);
export type RegisteredEndpoint = Static<typeof RegisteredEndpoint>;

/** Latest operations and system events of one endpoint (newest first). */
export const RecentActivity = Type.Object({
  operations: Type.Array(OperationView),
  events: Type.Array(EventView),
});

export const EndpointDetail = Type.Composite([
  EndpointView,
  Type.Object({
    pool: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
    current_state_id: Type.Union([Uuid, Type.Null()]),
    recent_activity: RecentActivity,
  }),
]);
export type EndpointDetail = Static<typeof EndpointDetail>;

/** `DELETE /endpoints/{id}`. */
export const EndpointDeleted = Type.Object({ id: Type.String(), deleted: Type.Literal(true) });
export type EndpointDeleted = Static<typeof EndpointDeleted>;

/**
 * `GET /endpoints/{id}/drift`: the endpoint's drift against its pool's target with the
 * per-package lists (both versions), computed on request like an agent's `?details=true` report
 * answer, and stored nowhere. Lists are empty while the drift is unknown (no pool, no target or
 * no report yet: `target_state_id` or `state_id` null).
 */
export const EndpointDriftReport = Type.Object({
  endpoint_id: Uuid,
  pool_id: Type.Union([Uuid, Type.Null()]),
  /** The target compared against; null when there is none (or no report to compare). */
  target_state_id: Type.Union([Uuid, Type.Null()]),
  /** The endpoint's current state; null before its first report. */
  state_id: Type.Union([Uuid, Type.Null()]),
  sync_status: SyncStatus,
  drift: Type.Composite([DriftCountsSchema, Type.Object({ details: DriftDetailsSchema })]),
});
export type EndpointDriftReport = Static<typeof EndpointDriftReport>;
