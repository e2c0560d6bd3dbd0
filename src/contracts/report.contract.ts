// Answers to the agent's reports (`POST /endpoints/{id}/state`, `/repositories`; README "API keys
// and the HTTP API"): the state report's reply carries the endpoint's drift and sync_status, so
// the agent learns where it stands in one round trip. Drift shapes are src/core/drift.ts's.
import { Type, type Static } from '@sinclair/typebox';
import type { DriftCounts, DriftDetails } from '../core/drift.js';
import type { Agrees, Assert, Equal } from '../core/type-equality.js';
import { IsoTimestamp, Uuid } from './common.contract.js';

/** core DriftCounts: the endpoint's `package_summary`. */
export const DriftCountsSchema = Type.Object({
  /** Packages installed on the endpoint. */
  total_packages: Type.Integer({ minimum: 0 }),
  /** Target packages compared against (after exclusions). */
  target_packages: Type.Integer({ minimum: 0 }),
  in_sync: Type.Integer({ minimum: 0 }),
  /** In the target, not installed. */
  missing: Type.Integer({ minimum: 0 }),
  /** Installed older than the target. */
  behind: Type.Integer({ minimum: 0 }),
  /** Installed newer than the target. */
  ahead: Type.Integer({ minimum: 0 }),
  /** Installed explicitly, not in the target. */
  extra: Type.Integer({ minimum: 0 }),
  /** Installed from no sync repository (`pacman -Qm`). */
  foreign: Type.Integer({ minimum: 0 }),
  /** Left out by pool, endpoint or operation exclusions. */
  excluded: Type.Integer({ minimum: 0 }),
});

export const DriftEntrySchema = Type.Object({
  name: Type.String(),
  installed_version: Type.Union([Type.String(), Type.Null()]),
  target_version: Type.Union([Type.String(), Type.Null()]),
  repository: Type.Union([Type.String(), Type.Null()]),
});

export const ExclusionReasonSchema = Type.Object({
  source: Type.String({ description: 'pool, repository, endpoint, operation, ignore_pkg or ignore_group' }),
  pattern: Type.String(),
});

/** Per-package drift lists (`?details=true`), sorted by name. */
export const DriftDetailsSchema = Type.Object({
  missing: Type.Array(DriftEntrySchema),
  behind: Type.Array(DriftEntrySchema),
  ahead: Type.Array(DriftEntrySchema),
  extra: Type.Array(DriftEntrySchema),
  foreign: Type.Array(DriftEntrySchema),
  excluded: Type.Array(Type.Composite([DriftEntrySchema, Type.Object({ reason: ExclusionReasonSchema })])),
});

export const DriftView = Type.Composite([DriftCountsSchema, Type.Object({ details: Type.Optional(DriftDetailsSchema) })]);
export type DriftView = Static<typeof DriftView>;

/** Build-time check: drift as the API shows it is core's, field for field (src/core/type-equality.ts). */
export type DriftSchemasAgree = [
  Assert<Equal<Static<typeof DriftCountsSchema>, DriftCounts>>,
  Assert<Agrees<DriftDetails, Static<typeof DriftDetailsSchema>>>,
];

export const StateReportQuery = Type.Object(
  {
    /** Also answer the per-package drift lists. */
    details: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type StateReportQuery = Static<typeof StateReportQuery>;

export const SyncStatusValue = Type.String({ description: 'in_sync, behind, ahead, sync_pending or unknown' });

export const StateReportResult = Type.Object({
  endpoint_id: Uuid,
  /** The endpoint's current state: the new row, or the unchanged one. */
  state_id: Uuid,
  /** False when the content equals the endpoint's current state (no new row was stored). */
  changed: Type.Boolean(),
  /** sha256 of the canonical state text, computed by the server. */
  content_hash: Type.String(),
  pool_id: Type.Union([Uuid, Type.Null()]),
  /** The pool target the drift was computed against (null: no pool or no target). */
  target_state_id: Type.Union([Uuid, Type.Null()]),
  sync_status: SyncStatusValue,
  drift: DriftView,
});
export type StateReportResult = Static<typeof StateReportResult>;

export const RepositoryReportItem = Type.Object({
  name: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  total_packages: Type.Integer({ minimum: 0 }),
  /** False when the repository's db_hash and URL were unchanged (packages not rewritten). */
  changed: Type.Boolean(),
  last_updated: IsoTimestamp,
});

export const RepositoriesReportResult = Type.Object({
  endpoint_id: Uuid,
  repositories: Type.Array(RepositoryReportItem),
  /** Repositories stored before and no longer reported, now deleted. */
  removed: Type.Array(Type.String()),
});
export type RepositoriesReportResult = Static<typeof RepositoriesReportResult>;
