import { type Static } from '@sinclair/typebox';
/** core DriftCounts: the endpoint's `package_summary`. */
export declare const DriftCountsSchema: import("@sinclair/typebox").TObject<{
    /** Packages installed on the endpoint. */
    total_packages: import("@sinclair/typebox").TInteger;
    /** Target packages compared against (after exclusions). */
    target_packages: import("@sinclair/typebox").TInteger;
    in_sync: import("@sinclair/typebox").TInteger;
    /** In the target, not installed. */
    missing: import("@sinclair/typebox").TInteger;
    /** Installed older than the target. */
    behind: import("@sinclair/typebox").TInteger;
    /** Installed newer than the target. */
    ahead: import("@sinclair/typebox").TInteger;
    /** Installed explicitly, not in the target. */
    extra: import("@sinclair/typebox").TInteger;
    /** Installed from no sync repository (`pacman -Qm`). */
    foreign: import("@sinclair/typebox").TInteger;
    /** Left out by pool, endpoint or operation exclusions. */
    excluded: import("@sinclair/typebox").TInteger;
}>;
export declare const DriftEntrySchema: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
}>;
export declare const ExclusionReasonSchema: import("@sinclair/typebox").TObject<{
    source: import("@sinclair/typebox").TString;
    pattern: import("@sinclair/typebox").TString;
}>;
/** Per-package drift lists (`?details=true`), sorted by name. */
export declare const DriftDetailsSchema: import("@sinclair/typebox").TObject<{
    missing: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    behind: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    ahead: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    extra: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    foreign: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    excluded: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        reason: import("@sinclair/typebox").TObject<{
            source: import("@sinclair/typebox").TString;
            pattern: import("@sinclair/typebox").TString;
        }>;
    }>>;
}>;
export declare const DriftView: import("@sinclair/typebox").TObject<{
    missing: import("@sinclair/typebox").TInteger;
    in_sync: import("@sinclair/typebox").TInteger;
    behind: import("@sinclair/typebox").TInteger;
    ahead: import("@sinclair/typebox").TInteger;
    excluded: import("@sinclair/typebox").TInteger;
    foreign: import("@sinclair/typebox").TInteger;
    extra: import("@sinclair/typebox").TInteger;
    total_packages: import("@sinclair/typebox").TInteger;
    target_packages: import("@sinclair/typebox").TInteger;
    details: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        missing: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        }>>;
        behind: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        }>>;
        ahead: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        }>>;
        extra: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        }>>;
        foreign: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        }>>;
        excluded: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            reason: import("@sinclair/typebox").TObject<{
                source: import("@sinclair/typebox").TString;
                pattern: import("@sinclair/typebox").TString;
            }>;
        }>>;
    }>>;
}>;
export type DriftView = Static<typeof DriftView>;
export declare const StateReportQuery: import("@sinclair/typebox").TObject<{
    /** Also answer the per-package drift lists. */
    details: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
}>;
export type StateReportQuery = Static<typeof StateReportQuery>;
export declare const SyncStatusValue: import("@sinclair/typebox").TString;
export declare const StateReportResult: import("@sinclair/typebox").TObject<{
    endpoint_id: import("@sinclair/typebox").TString;
    /** The endpoint's current state: the new row, or the unchanged one. */
    state_id: import("@sinclair/typebox").TString;
    /** False when the content equals the endpoint's current state (no new row was stored). */
    changed: import("@sinclair/typebox").TBoolean;
    /** sha256 of the canonical state text, computed by the server. */
    content_hash: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    /** The pool target the drift was computed against (null: no pool or no target). */
    target_state_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    sync_status: import("@sinclair/typebox").TString;
    drift: import("@sinclair/typebox").TObject<{
        missing: import("@sinclair/typebox").TInteger;
        in_sync: import("@sinclair/typebox").TInteger;
        behind: import("@sinclair/typebox").TInteger;
        ahead: import("@sinclair/typebox").TInteger;
        excluded: import("@sinclair/typebox").TInteger;
        foreign: import("@sinclair/typebox").TInteger;
        extra: import("@sinclair/typebox").TInteger;
        total_packages: import("@sinclair/typebox").TInteger;
        target_packages: import("@sinclair/typebox").TInteger;
        details: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
            missing: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            }>>;
            behind: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            }>>;
            ahead: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            }>>;
            extra: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            }>>;
            foreign: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            }>>;
            excluded: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                installed_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                reason: import("@sinclair/typebox").TObject<{
                    source: import("@sinclair/typebox").TString;
                    pattern: import("@sinclair/typebox").TString;
                }>;
            }>>;
        }>>;
    }>;
}>;
export type StateReportResult = Static<typeof StateReportResult>;
export declare const RepositoryReportItem: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    url: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    total_packages: import("@sinclair/typebox").TInteger;
    /** False when the repository's db_hash and URL were unchanged (packages not rewritten). */
    changed: import("@sinclair/typebox").TBoolean;
    last_updated: import("@sinclair/typebox").TString;
}>;
export declare const RepositoriesReportResult: import("@sinclair/typebox").TObject<{
    endpoint_id: import("@sinclair/typebox").TString;
    repositories: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        url: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        total_packages: import("@sinclair/typebox").TInteger;
        /** False when the repository's db_hash and URL were unchanged (packages not rewritten). */
        changed: import("@sinclair/typebox").TBoolean;
        last_updated: import("@sinclair/typebox").TString;
    }>>;
    /** Repositories stored before and no longer reported, now deleted. */
    removed: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
}>;
export type RepositoriesReportResult = Static<typeof RepositoriesReportResult>;
