// Pools: groups of endpoints held to one target state (README "API keys and the HTTP API").
import { Type, type Static } from '@sinclair/typebox';
import { DisplayName, IsoTimestamp, NullableIsoTimestamp, PaginationProperties, Text, Uuid } from './common.contract.js';
import { PackageGlobList, RepoName } from './package.contract.js';

export const ConflictResolution = Type.Union([Type.Literal('manual'), Type.Literal('newest'), Type.Literal('oldest')]);
export type ConflictResolution = Static<typeof ConflictResolution>;

/**
 * Who may make an endpoint's state the pool's target: `members` (the pool's approved endpoints,
 * with their own key, and admins) or `admins` only.
 */
export const SetLatestBy = Type.Union([Type.Literal('members'), Type.Literal('admins')]);
export type SetLatestBy = Static<typeof SetLatestBy>;

export const MAX_HISTORY_LIMIT = 10_000;

/** Every pool setting, as stored and returned (defaults filled in by the server). */
export const PoolSettings = Type.Object(
  {
    auto_sync: Type.Boolean(),
    conflict_resolution: ConflictResolution,
    /** Exact package names or globs (`linux*`); never in a plan, never drift. */
    excluded_packages: PackageGlobList,
    excluded_repos: Type.Array(RepoName, { maxItems: 256 }),
    /** Non-target states kept per pool by retention (seed default 50). */
    max_history: Type.Integer({ minimum: 1, maximum: MAX_HISTORY_LIMIT }),
    /** Five-field cron expression for `auto_sync`, or null for none (checked with cron-parser). */
    sync_schedule: Type.Union([Type.String({ minLength: 1, maxLength: 128 }), Type.Null()]),
    /** IANA time zone the schedule is read in (`Europe/Berlin`); default UTC. */
    schedule_timezone: Type.String({ minLength: 1, maxLength: 64 }),
    /** Remove `extra` packages (installed explicitly, not in target) on sync. */
    remove_extra: Type.Boolean(),
    /** Who may set the target (set-latest): `members` (default) or `admins`. */
    set_latest_by: SetLatestBy,
  },
  { additionalProperties: false },
);
export type PoolSettings = Static<typeof PoolSettings>;

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  auto_sync: false,
  conflict_resolution: 'manual',
  excluded_packages: [],
  excluded_repos: [],
  max_history: 50,
  sync_schedule: null,
  schedule_timezone: 'UTC',
  remove_extra: false,
  set_latest_by: 'members',
};

/** Settings in a request: any subset, merged over the current (or default) settings. */
export const PoolSettingsInput = Type.Partial(PoolSettings, { additionalProperties: false });
export type PoolSettingsInput = Static<typeof PoolSettingsInput>;

export const PoolName = DisplayName;

export const CreatePoolBody = Type.Object(
  {
    name: PoolName,
    description: Type.Optional(Type.Union([Text(4000), Type.Null()])),
    settings: Type.Optional(PoolSettingsInput),
  },
  { additionalProperties: false },
);
export type CreatePoolBody = Static<typeof CreatePoolBody>;

export const UpdatePoolBody = Type.Object(
  {
    name: Type.Optional(PoolName),
    description: Type.Optional(Type.Union([Text(4000), Type.Null()])),
    settings: Type.Optional(PoolSettingsInput),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePoolBody = Static<typeof UpdatePoolBody>;

export const DeletePoolQuery = Type.Object({ force: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false });
export type DeletePoolQuery = Static<typeof DeletePoolQuery>;

export const AssignEndpointBody = Type.Object({ endpoint_id: Uuid }, { additionalProperties: false });
export type AssignEndpointBody = Static<typeof AssignEndpointBody>;

export const PoolEndpointParams = Type.Object({ id: Uuid, eid: Uuid }, { additionalProperties: false });
export type PoolEndpointParams = Static<typeof PoolEndpointParams>;

export const PoolListQuery = Type.Object(
  { ...PaginationProperties, search: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) },
  { additionalProperties: false },
);
export type PoolListQuery = Static<typeof PoolListQuery>;

export const PoolView = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  settings: PoolSettings,
  endpoint_count: Type.Integer({ minimum: 0 }),
  target_state_id: Type.Union([Uuid, Type.Null()]),
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
export type PoolView = Static<typeof PoolView>;

/** A member endpoint as a pool detail lists it. */
export const PoolMember = Type.Object({
  id: Uuid,
  name: Type.String(),
  hostname: Type.String(),
  status: Type.String(),
  sync_status: Type.String(),
  last_seen: NullableIsoTimestamp,
});

export const TargetStateSummary = Type.Object({
  id: Uuid,
  created_at: IsoTimestamp,
  created_by: Type.Union([Type.String(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
  endpoint_id: Type.Union([Uuid, Type.Null()]),
  total_packages: Type.Integer({ minimum: 0 }),
});
export type TargetStateSummary = Static<typeof TargetStateSummary>;

export const PoolStatistics = Type.Object({
  total_endpoints: Type.Integer({ minimum: 0 }),
  /** Members per sync_status (in_sync, behind, ahead, sync_pending, unknown), zeros included. */
  by_sync_status: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  /** Members per status (online, offline, error), zeros included. */
  by_status: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
});
export type PoolStatistics = Static<typeof PoolStatistics>;

export const PoolDetail = Type.Composite([
  PoolView,
  Type.Object({
    members: Type.Array(PoolMember),
    target_state: Type.Union([TargetStateSummary, Type.Null()]),
    statistics: PoolStatistics,
  }),
]);
export type PoolDetail = Static<typeof PoolDetail>;

export const RevertTargetBody = Type.Object(
  {
    /** The earlier target to restore; default: the target before the current one. */
    state_id: Type.Optional(Uuid),
    message: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type RevertTargetBody = Static<typeof RevertTargetBody>;

/** `DELETE /pools/{id}`: the members it had are left without a pool. */
export const PoolDeleted = Type.Object({ id: Type.String(), deleted: Type.Literal(true), unassigned_endpoints: Type.Integer() });
export type PoolDeleted = Static<typeof PoolDeleted>;

/** `POST /pools/{id}/revert-target`: the new target (a copy of the restored one). */
export const TargetReverted = Type.Object({
  pool_id: Type.String(),
  target_state: TargetStateSummary,
  restored_state_id: Type.String(),
  previous_target_id: Type.Union([Type.String(), Type.Null()]),
});
export type TargetReverted = Static<typeof TargetReverted>;
