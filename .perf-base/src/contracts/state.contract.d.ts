import { type Static } from '@sinclair/typebox';
export declare const StateKind: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"target">, import("@sinclair/typebox").TLiteral<"report">]>;
export type StateKind = Static<typeof StateKind>;
export declare const PoolStatesQuery: import("@sinclair/typebox").TObject<{
    endpoint_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    /** true: only the current target; false: everything else. */
    is_target: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
    /** target: current and former targets; report: endpoint reports. */
    kind: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"target">, import("@sinclair/typebox").TLiteral<"report">]>>;
    limit: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    offset: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
}>;
export type PoolStatesQuery = Static<typeof PoolStatesQuery>;
/** A state without its package list (history rows). */
export declare const StateSummary: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    kind: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"target">, import("@sinclair/typebox").TLiteral<"report">]>;
    is_target: import("@sinclair/typebox").TBoolean;
    message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_by: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
    total_packages: import("@sinclair/typebox").TInteger;
    content_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
}>;
export type StateSummary = Static<typeof StateSummary>;
/** One state with its `state_data` (`{packages, metadata}`, core PackageStateData). */
export declare const StateDetail: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
    total_packages: import("@sinclair/typebox").TInteger;
    kind: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"target">, import("@sinclair/typebox").TLiteral<"report">]>;
    message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    content_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_by: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    is_target: import("@sinclair/typebox").TBoolean;
    state_data: import("@sinclair/typebox").TObject<{
        packages: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
        metadata: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
    }>;
}>;
export type StateDetail = Static<typeof StateDetail>;
export declare const StateDiffParams: import("@sinclair/typebox").TObject<{
    a: import("@sinclair/typebox").TString;
    b: import("@sinclair/typebox").TString;
}>;
export type StateDiffParams = Static<typeof StateDiffParams>;
/** Difference from state `a` (from) to state `b` (to), names sorted. */
export declare const StateDiff: import("@sinclair/typebox").TObject<{
    from: import("@sinclair/typebox").TString;
    to: import("@sinclair/typebox").TString;
    added: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        version: import("@sinclair/typebox").TString;
    }>>;
    removed: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        version: import("@sinclair/typebox").TString;
    }>>;
    changed: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        from_version: import("@sinclair/typebox").TString;
        to_version: import("@sinclair/typebox").TString;
        /** By pacman's vercmp: upgrade (newer), downgrade (older), equivalent (equal, spelled differently). */
        direction: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"upgrade">, import("@sinclair/typebox").TLiteral<"downgrade">, import("@sinclair/typebox").TLiteral<"equivalent">]>;
    }>>;
    unchanged: import("@sinclair/typebox").TInteger;
}>;
export type StateDiff = Static<typeof StateDiff>;
