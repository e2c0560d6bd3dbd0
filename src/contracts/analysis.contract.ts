// Repository analysis (`GET/POST /pools/{id}/analysis|analyze`) and drift history
// (`GET /pools/{id}/drift-history`; both in README "API keys and the HTTP API"). Result shapes
// are src/core/analysis.ts's.
import { Type, type Static } from '@sinclair/typebox';
import type { RepositoryAnalysis } from '../core/analysis.js';
import type { Agrees, Assert, Equal } from '../core/type-equality.js';
import { IsoTimestamp, Uuid } from './common.contract.js';

const EndpointRef = Type.Object({ endpoint_id: Uuid, endpoint_name: Type.String() });

const VersionGroup = Type.Object({
  version: Type.String(),
  count: Type.Integer({ minimum: 0 }),
  /** Listed for versions other than the target's. */
  endpoints: Type.Optional(Type.Array(EndpointRef)),
});

export const AnalysisView = Type.Object({
  operation_id: Uuid,
  pool_id: Uuid,
  /** The target analysed, and whether the pool's target has changed since (re-run the analysis). */
  target_state_id: Type.Union([Uuid, Type.Null()]),
  stale: Type.Boolean(),
  analysed_at: IsoTimestamp,
  conflict_resolution: Type.String(),
  counts: Type.Object({
    target_packages: Type.Integer({ minimum: 0 }),
    compatible: Type.Integer({ minimum: 0 }),
    incompatible: Type.Integer({ minimum: 0 }),
    conflicts: Type.Integer({ minimum: 0 }),
    excluded: Type.Integer({ minimum: 0 }),
    endpoints: Type.Integer({ minimum: 0 }),
    endpoints_analysed: Type.Integer({ minimum: 0 }),
  }),
  compatible: Type.Array(Type.String()),
  /** Target packages some member cannot get at all. */
  incompatible: Type.Array(
    Type.Object({
      name: Type.String(),
      target_version: Type.String(),
      repository: Type.Union([Type.String(), Type.Null()]),
      missing_on: Type.Array(EndpointRef),
      versions: Type.Array(VersionGroup),
    }),
  ),
  /** Target packages members would get at different versions, with the version the policy picks. */
  conflicts: Type.Array(
    Type.Object({
      name: Type.String(),
      target_version: Type.String(),
      repository: Type.Union([Type.String(), Type.Null()]),
      versions: Type.Array(VersionGroup),
      resolved_version: Type.Union([Type.String(), Type.Null()]),
      resolution: Type.String(),
    }),
  ),
  excluded: Type.Array(Type.String()),
  exclusions: Type.Object({
    /** Candidates to exclude so that the pool can sync: the incompatible packages. */
    automatic: Type.Array(Type.String()),
    /** The pool's own exclusions at analysis time. */
    manual: Type.Object({ packages: Type.Array(Type.String()), repos: Type.Array(Type.String()) }),
  }),
  endpoints_without_repositories: Type.Array(EndpointRef),
});
export type AnalysisView = Static<typeof AnalysisView>;

/**
 * Build-time check: the view's lists are core's analysis result field for field (the view adds
 * the operation's fields and renames exclusion_candidates to exclusions.automatic;
 * src/core/type-equality.ts).
 */
export type AnalysisViewAgrees = [
  Assert<
    Agrees<
      Omit<RepositoryAnalysis, 'exclusion_candidates'>,
      Omit<AnalysisView, 'operation_id' | 'pool_id' | 'target_state_id' | 'stale' | 'analysed_at' | 'conflict_resolution' | 'exclusions'>
    >
  >,
  Assert<Equal<RepositoryAnalysis['exclusion_candidates'], AnalysisView['exclusions']['automatic']>>,
];

/** Samples kept per pool; older ones are deleted as new ones arrive. */
export const DRIFT_HISTORY_MAX_SAMPLES = 10_000;

export const DriftHistoryQuery = Type.Object(
  {
    /** Only samples at or after this instant. */
    since: Type.Optional(IsoTimestamp),
    /** The newest `limit` samples (returned oldest first). */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DRIFT_HISTORY_MAX_SAMPLES, default: 1000 })),
  },
  { additionalProperties: false },
);
export type DriftHistoryQuery = Static<typeof DriftHistoryQuery>;

/** A pool's members per sync_status (after a change: set-latest's answer; over time: drift history). */
export const PoolDriftCounts = Type.Object({
  in_sync: Type.Integer({ minimum: 0 }),
  behind: Type.Integer({ minimum: 0 }),
  ahead: Type.Integer({ minimum: 0 }),
  sync_pending: Type.Integer({ minimum: 0 }),
  unknown: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
});
export type PoolDriftCounts = Static<typeof PoolDriftCounts>;

export const DriftSample = Type.Object({ timestamp: IsoTimestamp, ...PoolDriftCounts.properties });

export const DriftHistoryView = Type.Object({
  pool_id: Uuid,
  /** Oldest first; a sample is stored only when the counts change. */
  samples: Type.Array(DriftSample),
  max_samples: Type.Integer(),
});
export type DriftHistoryView = Static<typeof DriftHistoryView>;
