// Operations (seed sync_operations; README "Domain rules": Operations, Plan). The plan shape itself is
// owned by src/core's plan computation; here it is an open object so that core can grow it.
import { Type, type Static } from '@sinclair/typebox';
import { IsoTimestamp, JsonObject, NullableIsoTimestamp, PaginationProperties, Text, Uuid } from './common.contract.js';
import { PackageGlobList, PackageName, PackageNameList, StateReportBody } from './package.contract.js';

export const OperationType = Type.Union([
  Type.Literal('sync_to_latest'),
  Type.Literal('set_as_latest'),
  Type.Literal('revert_to_previous'),
  Type.Literal('repository_analysis'),
]);
export type OperationType = Static<typeof OperationType>;

export const OperationStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('in_progress'),
  Type.Literal('completed'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
  /** Pending and never picked up by its agent within [features] operation_pickup_timeout. */
  Type.Literal('expired'),
]);
export type OperationStatus = Static<typeof OperationStatus>;

export const OperationView = Type.Object({
  id: Uuid,
  pool_id: Type.Union([Uuid, Type.Null()]),
  endpoint_id: Type.Union([Uuid, Type.Null()]),
  operation_type: Type.String(),
  status: Type.String(),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  /** The plan and options (packages_to_install/upgrade/downgrade/remove, conflicts, …). */
  details: JsonObject,
  error_message: Type.Union([Type.String(), Type.Null()]),
  started_at: NullableIsoTimestamp,
  completed_at: NullableIsoTimestamp,
  created_at: IsoTimestamp,
});
export type OperationView = Static<typeof OperationView>;

export const OperationListQuery = Type.Object(
  {
    ...PaginationProperties,
    status: Type.Optional(OperationStatus),
    operation_type: Type.Optional(OperationType),
  },
  { additionalProperties: false },
);
export type OperationListQuery = Static<typeof OperationListQuery>;

/** `GET /operations`: the whole fleet's operations, optionally of one pool or one endpoint. */
export const FleetOperationListQuery = Type.Object(
  {
    ...OperationListQuery.properties,
    pool_id: Type.Optional(Uuid),
    endpoint_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type FleetOperationListQuery = Static<typeof FleetOperationListQuery>;

/** `POST /endpoints/{id}/sync` (and pool sync-all). */
export const SyncOptions = Type.Object(
  {
    dry_run: Type.Optional(Type.Boolean({ default: false })),
    /** Allow downgrades that `manual` conflict resolution would block. */
    force: Type.Optional(Type.Boolean({ default: false })),
    /** Only these packages (names from the target). */
    packages: Type.Optional(PackageNameList),
    /** Excluded for this operation only (names or globs). */
    exclude: Type.Optional(PackageGlobList),
  },
  { additionalProperties: false },
);
export type SyncOptions = Static<typeof SyncOptions>;

/** `POST /endpoints/{id}/set-latest`. */
export const SetLatestBody = Type.Object(
  {
    message: Type.Optional(Text(1000)),
    /** Promote only these packages onto the previous target (consistency-checked). */
    packages: Type.Optional(PackageNameList),
    /**
     * Store the new target even when it leaves dependencies unsatisfied (flagged). Admin keys
     * only: refused (403) from an endpoint key.
     */
    force: Type.Optional(
      Type.Boolean({ default: false, description: 'admin keys only (403 from an endpoint key): store an inconsistent target, flagged' }),
    ),
    /** Show what would become the target (and whether it is consistent) without storing anything. */
    dry_run: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type SetLatestBody = Static<typeof SetLatestBody>;

/** `POST /endpoints/{id}/revert`. */
export const RevertBody = Type.Object(
  {
    /** The endpoint's own earlier state; default: its state just before its last sync. */
    target_state_id: Type.Optional(Uuid),
    dry_run: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type RevertBody = Static<typeof RevertBody>;

/** `POST /operations/{id}/progress`. */
export const ProgressBody = Type.Object(
  {
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    step: Type.Optional(Type.String({ maxLength: 200 })),
    packages_processed: Type.Optional(Type.Integer({ minimum: 0 })),
    packages_total: Type.Optional(Type.Integer({ minimum: 0 })),
    current_package: Type.Optional(PackageName),
  },
  { additionalProperties: false },
);
export type ProgressBody = Static<typeof ProgressBody>;

/** `POST /operations/{id}/complete`: optional result details and the state reached. */
export const CompleteBody = Type.Object(
  {
    result: Type.Optional(JsonObject),
    state: Type.Optional(StateReportBody),
  },
  { additionalProperties: false },
);
export type CompleteBody = Static<typeof CompleteBody>;

/** `POST /operations/{id}/fail`: pacman's message; optionally the state actually reached. */
export const FailBody = Type.Object(
  {
    error_message: Type.String({ minLength: 1, maxLength: 16_000 }),
    state: Type.Optional(StateReportBody),
  },
  { additionalProperties: false },
);
export type FailBody = Static<typeof FailBody>;
