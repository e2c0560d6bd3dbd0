// Answers of the operation routes (README "API keys and the HTTP API"; set-latest: "Enrollment and
// who sets the target"; how the agent checks a plan: "Security model"): a plan as src/core/plan.ts
// computes it, the operation that carries it, set-latest's result and pool "sync all".
import { Type, type Static } from '@sinclair/typebox';
import type { RepositorySnapshot, UnsatisfiedDependency } from '../core/package-state.js';
import type { SyncPlan } from '../core/plan.js';
import type { Agrees, Assert } from '../core/type-equality.js';
import { PoolDriftCounts } from './analysis.contract.js';
import { IsoTimestamp, Uuid } from './common.contract.js';
import { OperationView } from './operation.contract.js';
import { InstallReasonSchema } from './package.contract.js';
import { ConflictResolution, TargetStateSummary } from './pool.contract.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PlanEntrySchema = Type.Object({
  name: Type.String(),
  from_version: NullableString,
  to_version: NullableString,
  repository: NullableString,
  size: Type.Integer({ minimum: 0 }),
  reason: Type.Optional(InstallReasonSchema),
  removal_reason: Type.Optional(Type.Union([Type.Literal('extra'), Type.Literal('orphan'), Type.Literal('revert')])),
});

export const PlanConflictSchema = Type.Object({
  name: Type.String(),
  installed_version: Type.String(),
  target_version: Type.String(),
  repository: NullableString,
  /** blocked: manual resolution without force (left alone); downgrade: forced. */
  resolution: Type.Union([Type.Literal('blocked'), Type.Literal('downgrade')]),
});

export const ReasonChangeSchema = Type.Object({
  name: Type.String(),
  from_reason: Type.Union([InstallReasonSchema, Type.Null()]),
  to_reason: InstallReasonSchema,
});

export const KeptPackageSchema = Type.Object({
  name: Type.String(),
  installed_version: Type.String(),
  target_version: NullableString,
  reason: Type.Union([Type.Literal('newer'), Type.Literal('required')]),
  required_by: Type.Optional(Type.Array(Type.String())),
});

/** core SyncPlan: what a sync (or revert) would do, with the options it was computed under. */
export const SyncPlanSchema = Type.Object({
  kind: Type.Union([Type.Literal('sync'), Type.Literal('revert')]),
  packages_to_install: Type.Array(PlanEntrySchema),
  packages_to_upgrade: Type.Array(PlanEntrySchema),
  packages_to_downgrade: Type.Array(PlanEntrySchema),
  packages_to_remove: Type.Array(PlanEntrySchema),
  reasons_to_change: Type.Array(ReasonChangeSchema),
  conflicts: Type.Array(PlanConflictSchema),
  packages_kept: Type.Array(KeptPackageSchema),
  excluded_packages: Type.Array(Type.String()),
  /** The rule behind each excluded package: `{source: pool|repository|endpoint|operation, pattern}`. */
  exclusion_reasons: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Object({
        source: Type.Union([
          Type.Literal('pool'),
          Type.Literal('repository'),
          Type.Literal('endpoint'),
          Type.Literal('operation'),
          Type.Literal('ignore_pkg'),
          Type.Literal('ignore_group'),
        ]),
        pattern: Type.String(),
      }),
    ),
  ),
  excluded_count: Type.Integer({ minimum: 0 }),
  total_packages: Type.Integer({ minimum: 0 }),
  estimated_size: Type.Integer({ minimum: 0 }),
  /** Conflicts stop the sync (manual resolution without force): the agent exits 4. */
  blocked: Type.Boolean(),
  dry_run: Type.Boolean(),
  force: Type.Boolean(),
  packages: Type.Union([Type.Array(Type.String()), Type.Null()]),
  exclude: Type.Array(Type.String()),
  conflict_resolution: ConflictResolution,
  remove_extra: Type.Boolean(),
});

/**
 * `POST /endpoints/{id}/sync` and `/revert`: the stored operation and its plan. A dry run is a
 * plan, not an operation that ran: nothing is stored and `operation` is null.
 */
export const OperationWithPlan = Type.Object({
  operation: Type.Union([OperationView, Type.Null()]),
  plan: SyncPlanSchema,
});
export type OperationWithPlan = Static<typeof OperationWithPlan>;

export const UnsatisfiedDependencySchema = Type.Object({
  package: Type.String(),
  dependency: Type.String(),
  reason: Type.String({ description: 'missing or version' }),
  found: Type.Optional(Type.String()),
});

export const RepositorySnapshotView = Type.Object({
  name: Type.String(),
  server: NullableString,
  db_hash: NullableString,
  db_date: NullableString,
});

export const SetLatestResult = Type.Object({
  dry_run: Type.Boolean(),
  /** False only for a dry run that would be refused (inconsistent without force). */
  applied: Type.Boolean(),
  pool_id: Uuid,
  /** The new target (null for a dry run). */
  target_state: Type.Union([TargetStateSummary, Type.Null()]),
  previous_target_id: Type.Union([Uuid, Type.Null()]),
  /** The endpoint's state it was taken from. */
  source_state_id: Uuid,
  /** The promoted packages for a partial promotion, null for the whole state. */
  packages: Type.Union([Type.Array(Type.String()), Type.Null()]),
  total_packages: Type.Integer({ minimum: 0 }),
  /** Against the previous target. */
  changes: Type.Object({ added: Type.Integer(), removed: Type.Integer(), changed: Type.Integer() }),
  inconsistent: Type.Boolean(),
  unsatisfied_dependencies: Type.Array(UnsatisfiedDependencySchema),
  repositories: Type.Array(RepositorySnapshotView),
  /** The completed set_as_latest operation (null for a dry run). */
  operation: Type.Union([OperationView, Type.Null()]),
  /** Members per sync_status after the change (current counts for a dry run). */
  pool_drift: PoolDriftCounts,
});
export type SetLatestResult = Static<typeof SetLatestResult>;

/**
 * Build-time check: the plan and set-latest's lists carry core's types field for field (the
 * contract spells core's literal unions as strings; src/core/type-equality.ts).
 */
export type SyncSchemasAgree = [
  Assert<Agrees<SyncPlan, Static<typeof SyncPlanSchema>>>,
  Assert<Agrees<UnsatisfiedDependency, Static<typeof UnsatisfiedDependencySchema>>>,
  Assert<Agrees<RepositorySnapshot, Static<typeof RepositorySnapshotView>>>,
];

export const SyncAllCreated = Type.Object({
  endpoint_id: Uuid,
  endpoint_name: Type.String(),
  /** Null for a dry run (a plan: nothing stored). */
  operation_id: Type.Union([Uuid, Type.Null()]),
  total_packages: Type.Integer({ minimum: 0 }),
  blocked: Type.Boolean(),
});

export const SyncAllSkipped = Type.Object({
  endpoint_id: Uuid,
  endpoint_name: Type.String(),
  /**
   * SYNC_IN_PROGRESS (operation_id: the active one), INVALID_STATE (no state reported yet) or
   * ENDPOINT_NOT_APPROVED (pending approval) or NOTHING_TO_DO (the member's plan is empty: no
   * operation is created for it), or ENDPOINT_OFFLINE (a scheduled sync leaves offline members alone).
   */
  code: Type.String(),
  reason: Type.String(),
  operation_id: Type.Union([Uuid, Type.Null()]),
});

export const SyncAllResult = Type.Object({
  pool_id: Uuid,
  target_state_id: Uuid,
  dry_run: Type.Boolean(),
  created: Type.Array(SyncAllCreated),
  skipped: Type.Array(SyncAllSkipped),
  requested_at: IsoTimestamp,
});
export type SyncAllResult = Static<typeof SyncAllResult>;
