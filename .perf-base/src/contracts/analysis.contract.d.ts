import { type Static } from '@sinclair/typebox';
export declare const AnalysisView: import("@sinclair/typebox").TObject<{
    operation_id: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TString;
    /** The target analysed, and whether the pool's target has changed since (re-run the analysis). */
    target_state_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    stale: import("@sinclair/typebox").TBoolean;
    analysed_at: import("@sinclair/typebox").TString;
    conflict_resolution: import("@sinclair/typebox").TString;
    counts: import("@sinclair/typebox").TObject<{
        target_packages: import("@sinclair/typebox").TInteger;
        compatible: import("@sinclair/typebox").TInteger;
        incompatible: import("@sinclair/typebox").TInteger;
        conflicts: import("@sinclair/typebox").TInteger;
        excluded: import("@sinclair/typebox").TInteger;
        endpoints: import("@sinclair/typebox").TInteger;
        endpoints_analysed: import("@sinclair/typebox").TInteger;
    }>;
    compatible: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    /** Target packages some member cannot get at all. */
    incompatible: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        target_version: import("@sinclair/typebox").TString;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        missing_on: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            endpoint_id: import("@sinclair/typebox").TString;
            endpoint_name: import("@sinclair/typebox").TString;
        }>>;
        versions: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            version: import("@sinclair/typebox").TString;
            count: import("@sinclair/typebox").TInteger;
            /** Listed for versions other than the target's. */
            endpoints: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                endpoint_id: import("@sinclair/typebox").TString;
                endpoint_name: import("@sinclair/typebox").TString;
            }>>>;
        }>>;
    }>>;
    /** Target packages members would get at different versions, with the version the policy picks. */
    conflicts: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        target_version: import("@sinclair/typebox").TString;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        versions: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            version: import("@sinclair/typebox").TString;
            count: import("@sinclair/typebox").TInteger;
            /** Listed for versions other than the target's. */
            endpoints: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                endpoint_id: import("@sinclair/typebox").TString;
                endpoint_name: import("@sinclair/typebox").TString;
            }>>>;
        }>>;
        resolved_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        resolution: import("@sinclair/typebox").TString;
    }>>;
    excluded: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    exclusions: import("@sinclair/typebox").TObject<{
        /** Candidates to exclude so that the pool can sync: the incompatible packages. */
        automatic: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        /** The pool's own exclusions at analysis time. */
        manual: import("@sinclair/typebox").TObject<{
            packages: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
            repos: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        }>;
    }>;
    endpoints_without_repositories: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        endpoint_id: import("@sinclair/typebox").TString;
        endpoint_name: import("@sinclair/typebox").TString;
    }>>;
}>;
export type AnalysisView = Static<typeof AnalysisView>;
/** Samples kept per pool; older ones are deleted as new ones arrive. */
export declare const DRIFT_HISTORY_MAX_SAMPLES = 10000;
export declare const DriftHistoryQuery: import("@sinclair/typebox").TObject<{
    /** Only samples at or after this instant. */
    since: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    /** The newest `limit` samples (returned oldest first). */
    limit: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
}>;
export type DriftHistoryQuery = Static<typeof DriftHistoryQuery>;
export declare const DriftSample: import("@sinclair/typebox").TObject<{
    timestamp: import("@sinclair/typebox").TString;
    in_sync: import("@sinclair/typebox").TInteger;
    behind: import("@sinclair/typebox").TInteger;
    ahead: import("@sinclair/typebox").TInteger;
    sync_pending: import("@sinclair/typebox").TInteger;
    unknown: import("@sinclair/typebox").TInteger;
    total: import("@sinclair/typebox").TInteger;
}>;
export declare const DriftHistoryView: import("@sinclair/typebox").TObject<{
    pool_id: import("@sinclair/typebox").TString;
    /** Oldest first; a sample is stored only when the counts change. */
    samples: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        timestamp: import("@sinclair/typebox").TString;
        in_sync: import("@sinclair/typebox").TInteger;
        behind: import("@sinclair/typebox").TInteger;
        ahead: import("@sinclair/typebox").TInteger;
        sync_pending: import("@sinclair/typebox").TInteger;
        unknown: import("@sinclair/typebox").TInteger;
        total: import("@sinclair/typebox").TInteger;
    }>>;
    max_samples: import("@sinclair/typebox").TInteger;
}>;
export type DriftHistoryView = Static<typeof DriftHistoryView>;
