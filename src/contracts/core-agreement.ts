// Compile-time proof that the HTTP contract and core's types describe the same shapes. Core cannot
// import the contracts (it is below them), so each pair is written twice — a TypeBox schema here,
// an interface in core — and checked here: change one without the other and `npm run typecheck`
// (and the build) fail on the line naming the pair, instead of a plan or a state being misread
// in production. No values: this file only holds types.
import type { Static } from '@sinclair/typebox';
import type { Assert, Equal } from '../core/type-equality.js';
import type { ExclusionReason } from '../core/exclusions.js';
import type { InstallReason, RepositorySnapshot, StateMetadata, StatePackage } from '../core/package-state.js';
import type { ConflictResolution, KeptPackage, PlanConflict, PlanEntry, ReasonChange, SyncPlan } from '../core/plan.js';
import type { InstallReasonSchema, RepositorySnapshotSchema, StatePackageSchema, StateReportMetadata } from './package.contract.js';
import type { ConflictResolution as ConflictResolutionSchema } from './pool.contract.js';
import type { KeptPackageSchema, PlanConflictSchema, PlanEntrySchema, ReasonChangeSchema, SyncPlanSchema } from './sync.contract.js';

// The plan the server computes (core/plan.ts) is the plan the agent parses (sync.contract.ts).
export type PlanAgrees = Assert<Equal<Static<typeof SyncPlanSchema>, SyncPlan>>;
export type PlanEntryAgrees = Assert<Equal<Static<typeof PlanEntrySchema>, PlanEntry>>;
export type PlanConflictAgrees = Assert<Equal<Static<typeof PlanConflictSchema>, PlanConflict>>;
export type ReasonChangeAgrees = Assert<Equal<Static<typeof ReasonChangeSchema>, ReasonChange>>;
export type KeptPackageAgrees = Assert<Equal<Static<typeof KeptPackageSchema>, KeptPackage>>;
export type ExclusionReasonAgrees = Assert<Equal<NonNullable<Static<typeof SyncPlanSchema>['exclusion_reasons']>[string], ExclusionReason>>;
export type ConflictResolutionAgrees = Assert<Equal<Static<typeof ConflictResolutionSchema>, ConflictResolution>>;

// The state an agent builds (core/package-state.ts) is the state report the server takes
// (package.contract.ts): the packages exactly; the report's metadata is the part of core's an
// agent may send (the server adds the rest), each key with core's type.
export type InstallReasonAgrees = Assert<Equal<Static<typeof InstallReasonSchema>, InstallReason>>;
export type StatePackageAgrees = Assert<Equal<Static<typeof StatePackageSchema>, StatePackage>>;
export type RepositorySnapshotAgrees = Assert<Equal<Static<typeof RepositorySnapshotSchema>, RepositorySnapshot>>;
type ReportedMetadata = Static<typeof StateReportMetadata>;
export type StateMetadataAgrees = Assert<Equal<ReportedMetadata, Partial<Pick<StateMetadata, keyof ReportedMetadata>>>>;
