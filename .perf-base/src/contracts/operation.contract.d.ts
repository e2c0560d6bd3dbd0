import { type Static } from '@sinclair/typebox';
export declare const OperationType: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"sync_to_latest">, import("@sinclair/typebox").TLiteral<"set_as_latest">, import("@sinclair/typebox").TLiteral<"revert_to_previous">, import("@sinclair/typebox").TLiteral<"repository_analysis">]>;
export type OperationType = Static<typeof OperationType>;
export declare const OperationStatus: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"pending">, import("@sinclair/typebox").TLiteral<"in_progress">, import("@sinclair/typebox").TLiteral<"completed">, import("@sinclair/typebox").TLiteral<"failed">, import("@sinclair/typebox").TLiteral<"cancelled">]>;
export type OperationStatus = Static<typeof OperationStatus>;
export declare const OperationView: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    operation_type: import("@sinclair/typebox").TString;
    status: import("@sinclair/typebox").TString;
    progress: import("@sinclair/typebox").TInteger;
    /** The plan and options (packages_to_install/upgrade/downgrade/remove, conflicts, …). */
    details: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
    error_message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    started_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    completed_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
}>;
export type OperationView = Static<typeof OperationView>;
export declare const OperationListQuery: import("@sinclair/typebox").TObject<{
    status: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"pending">, import("@sinclair/typebox").TLiteral<"in_progress">, import("@sinclair/typebox").TLiteral<"completed">, import("@sinclair/typebox").TLiteral<"failed">, import("@sinclair/typebox").TLiteral<"cancelled">]>>;
    operation_type: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"sync_to_latest">, import("@sinclair/typebox").TLiteral<"set_as_latest">, import("@sinclair/typebox").TLiteral<"revert_to_previous">, import("@sinclair/typebox").TLiteral<"repository_analysis">]>>;
    limit: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    offset: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
}>;
export type OperationListQuery = Static<typeof OperationListQuery>;
/** `POST /endpoints/{id}/sync` (and pool sync-all). */
export declare const SyncOptions: import("@sinclair/typebox").TObject<{
    dry_run: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
    /** Allow downgrades that `manual` conflict resolution would block. */
    force: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
    /** Only these packages (names from the target). */
    packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    /** Excluded for this operation only (names or globs). */
    exclude: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
}>;
export type SyncOptions = Static<typeof SyncOptions>;
/** `POST /endpoints/{id}/set-latest`. */
export declare const SetLatestBody: import("@sinclair/typebox").TObject<{
    message: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    /** Promote only these packages onto the previous target (consistency-checked). */
    packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    /** Store a partial promotion even when it leaves dependencies unsatisfied (flagged). */
    force: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
    /** Show what would become the target (and whether it is consistent) without storing anything. */
    dry_run: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
}>;
export type SetLatestBody = Static<typeof SetLatestBody>;
/** `POST /endpoints/{id}/revert`. */
export declare const RevertBody: import("@sinclair/typebox").TObject<{
    /** The endpoint's own earlier state; default: its state just before its last sync. */
    target_state_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    dry_run: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
}>;
export type RevertBody = Static<typeof RevertBody>;
/** `POST /operations/{id}/progress`. */
export declare const ProgressBody: import("@sinclair/typebox").TObject<{
    progress: import("@sinclair/typebox").TInteger;
    step: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    packages_processed: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    packages_total: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    current_package: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type ProgressBody = Static<typeof ProgressBody>;
/** `POST /operations/{id}/complete`: optional result details and the state reached. */
export declare const CompleteBody: import("@sinclair/typebox").TObject<{
    result: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>>;
    state: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        packages: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TObject<{
            version: import("@sinclair/typebox").TString;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            size: import("@sinclair/typebox").TInteger;
            dependencies: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
            install_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"explicit">, import("@sinclair/typebox").TLiteral<"dependency">]>>;
            provides: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
            arch: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        }>>;
        metadata: import("@sinclair/typebox").TObject<{
            total_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
            total_size: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
            capture_method: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            excluded_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
            content_hash: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            repositories: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                server: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                db_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                db_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            }>>>;
        }>;
    }>>;
}>;
export type CompleteBody = Static<typeof CompleteBody>;
/** `POST /operations/{id}/fail`: pacman's message; optionally the state actually reached. */
export declare const FailBody: import("@sinclair/typebox").TObject<{
    error_message: import("@sinclair/typebox").TString;
    state: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        packages: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TObject<{
            version: import("@sinclair/typebox").TString;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            size: import("@sinclair/typebox").TInteger;
            dependencies: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
            install_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"explicit">, import("@sinclair/typebox").TLiteral<"dependency">]>>;
            provides: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
            arch: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        }>>;
        metadata: import("@sinclair/typebox").TObject<{
            total_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
            total_size: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
            capture_method: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            excluded_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
            content_hash: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            repositories: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
                name: import("@sinclair/typebox").TString;
                server: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                db_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
                db_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            }>>>;
        }>;
    }>>;
}>;
export type FailBody = Static<typeof FailBody>;
