import { type Static } from '@sinclair/typebox';
export declare const PlanEntrySchema: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    size: import("@sinclair/typebox").TInteger;
    reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export declare const PlanConflictSchema: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    installed_version: import("@sinclair/typebox").TString;
    target_version: import("@sinclair/typebox").TString;
    repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    /** blocked: manual resolution without force (left alone); downgrade: forced. */
    resolution: import("@sinclair/typebox").TString;
}>;
export declare const ReasonChangeSchema: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    from_reason: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    to_reason: import("@sinclair/typebox").TString;
}>;
export declare const KeptPackageSchema: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    installed_version: import("@sinclair/typebox").TString;
    target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    reason: import("@sinclair/typebox").TString;
    required_by: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
}>;
/** core SyncPlan: what a sync (or revert) would do, with the options it was computed under. */
export declare const SyncPlanSchema: import("@sinclair/typebox").TObject<{
    kind: import("@sinclair/typebox").TString;
    packages_to_install: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        size: import("@sinclair/typebox").TInteger;
        reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
    packages_to_upgrade: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        size: import("@sinclair/typebox").TInteger;
        reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
    packages_to_downgrade: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        size: import("@sinclair/typebox").TInteger;
        reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
    packages_to_remove: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        size: import("@sinclair/typebox").TInteger;
        reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
    reasons_to_change: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        from_reason: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        to_reason: import("@sinclair/typebox").TString;
    }>>;
    conflicts: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        installed_version: import("@sinclair/typebox").TString;
        target_version: import("@sinclair/typebox").TString;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        /** blocked: manual resolution without force (left alone); downgrade: forced. */
        resolution: import("@sinclair/typebox").TString;
    }>>;
    packages_kept: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        installed_version: import("@sinclair/typebox").TString;
        target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        reason: import("@sinclair/typebox").TString;
        required_by: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    }>>;
    excluded_packages: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    excluded_count: import("@sinclair/typebox").TInteger;
    total_packages: import("@sinclair/typebox").TInteger;
    estimated_size: import("@sinclair/typebox").TInteger;
    /** Conflicts stop the sync (manual resolution without force): the agent exits 4. */
    blocked: import("@sinclair/typebox").TBoolean;
    dry_run: import("@sinclair/typebox").TBoolean;
    force: import("@sinclair/typebox").TBoolean;
    packages: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>, import("@sinclair/typebox").TNull]>;
    exclude: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    conflict_resolution: import("@sinclair/typebox").TString;
    remove_extra: import("@sinclair/typebox").TBoolean;
}>;
/** `POST /endpoints/{id}/sync` and `/revert`: the stored operation and its plan. */
export declare const OperationWithPlan: import("@sinclair/typebox").TObject<{
    operation: import("@sinclair/typebox").TObject<{
        id: import("@sinclair/typebox").TString;
        pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        operation_type: import("@sinclair/typebox").TString;
        status: import("@sinclair/typebox").TString;
        progress: import("@sinclair/typebox").TInteger;
        details: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
        error_message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        started_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        completed_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        created_at: import("@sinclair/typebox").TString;
    }>;
    plan: import("@sinclair/typebox").TObject<{
        kind: import("@sinclair/typebox").TString;
        packages_to_install: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            size: import("@sinclair/typebox").TInteger;
            reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        }>>;
        packages_to_upgrade: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            size: import("@sinclair/typebox").TInteger;
            reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        }>>;
        packages_to_downgrade: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            size: import("@sinclair/typebox").TInteger;
            reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        }>>;
        packages_to_remove: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            from_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            to_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            size: import("@sinclair/typebox").TInteger;
            reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            removal_reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        }>>;
        reasons_to_change: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            from_reason: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            to_reason: import("@sinclair/typebox").TString;
        }>>;
        conflicts: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            installed_version: import("@sinclair/typebox").TString;
            target_version: import("@sinclair/typebox").TString;
            repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            /** blocked: manual resolution without force (left alone); downgrade: forced. */
            resolution: import("@sinclair/typebox").TString;
        }>>;
        packages_kept: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            installed_version: import("@sinclair/typebox").TString;
            target_version: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            reason: import("@sinclair/typebox").TString;
            required_by: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        }>>;
        excluded_packages: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        excluded_count: import("@sinclair/typebox").TInteger;
        total_packages: import("@sinclair/typebox").TInteger;
        estimated_size: import("@sinclair/typebox").TInteger;
        /** Conflicts stop the sync (manual resolution without force): the agent exits 4. */
        blocked: import("@sinclair/typebox").TBoolean;
        dry_run: import("@sinclair/typebox").TBoolean;
        force: import("@sinclair/typebox").TBoolean;
        packages: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>, import("@sinclair/typebox").TNull]>;
        exclude: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        conflict_resolution: import("@sinclair/typebox").TString;
        remove_extra: import("@sinclair/typebox").TBoolean;
    }>;
}>;
export type OperationWithPlan = Static<typeof OperationWithPlan>;
export declare const UnsatisfiedDependencySchema: import("@sinclair/typebox").TObject<{
    package: import("@sinclair/typebox").TString;
    dependency: import("@sinclair/typebox").TString;
    reason: import("@sinclair/typebox").TString;
    found: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export declare const RepositorySnapshotView: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    server: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    db_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    db_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
}>;
/** Members per sync_status after a change, for the pool. */
export declare const PoolDriftCounts: import("@sinclair/typebox").TObject<{
    in_sync: import("@sinclair/typebox").TInteger;
    behind: import("@sinclair/typebox").TInteger;
    ahead: import("@sinclair/typebox").TInteger;
    sync_pending: import("@sinclair/typebox").TInteger;
    unknown: import("@sinclair/typebox").TInteger;
    total: import("@sinclair/typebox").TInteger;
}>;
export declare const SetLatestResult: import("@sinclair/typebox").TObject<{
    dry_run: import("@sinclair/typebox").TBoolean;
    /** False only for a dry run that would be refused (inconsistent without force). */
    applied: import("@sinclair/typebox").TBoolean;
    pool_id: import("@sinclair/typebox").TString;
    /** The new target (null for a dry run). */
    target_state: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TObject<{
        id: import("@sinclair/typebox").TString;
        created_at: import("@sinclair/typebox").TString;
        created_by: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        total_packages: import("@sinclair/typebox").TInteger;
    }>, import("@sinclair/typebox").TNull]>;
    previous_target_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    /** The endpoint's state it was taken from. */
    source_state_id: import("@sinclair/typebox").TString;
    /** The promoted packages for a partial promotion, null for the whole state. */
    packages: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>, import("@sinclair/typebox").TNull]>;
    total_packages: import("@sinclair/typebox").TInteger;
    /** Against the previous target. */
    changes: import("@sinclair/typebox").TObject<{
        added: import("@sinclair/typebox").TInteger;
        removed: import("@sinclair/typebox").TInteger;
        changed: import("@sinclair/typebox").TInteger;
    }>;
    inconsistent: import("@sinclair/typebox").TBoolean;
    unsatisfied_dependencies: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        package: import("@sinclair/typebox").TString;
        dependency: import("@sinclair/typebox").TString;
        reason: import("@sinclair/typebox").TString;
        found: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
    repositories: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        server: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        db_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        db_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    /** The completed set_as_latest operation (null for a dry run). */
    operation: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TObject<{
        id: import("@sinclair/typebox").TString;
        pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        operation_type: import("@sinclair/typebox").TString;
        status: import("@sinclair/typebox").TString;
        progress: import("@sinclair/typebox").TInteger;
        details: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
        error_message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        started_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        completed_at: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        created_at: import("@sinclair/typebox").TString;
    }>, import("@sinclair/typebox").TNull]>;
    /** Members per sync_status after the change (current counts for a dry run). */
    pool_drift: import("@sinclair/typebox").TObject<{
        in_sync: import("@sinclair/typebox").TInteger;
        behind: import("@sinclair/typebox").TInteger;
        ahead: import("@sinclair/typebox").TInteger;
        sync_pending: import("@sinclair/typebox").TInteger;
        unknown: import("@sinclair/typebox").TInteger;
        total: import("@sinclair/typebox").TInteger;
    }>;
}>;
export type SetLatestResult = Static<typeof SetLatestResult>;
export declare const SyncAllCreated: import("@sinclair/typebox").TObject<{
    endpoint_id: import("@sinclair/typebox").TString;
    endpoint_name: import("@sinclair/typebox").TString;
    operation_id: import("@sinclair/typebox").TString;
    total_packages: import("@sinclair/typebox").TInteger;
    blocked: import("@sinclair/typebox").TBoolean;
}>;
export declare const SyncAllSkipped: import("@sinclair/typebox").TObject<{
    endpoint_id: import("@sinclair/typebox").TString;
    endpoint_name: import("@sinclair/typebox").TString;
    /** SYNC_IN_PROGRESS (operation_id: the active one) or INVALID_STATE (no state reported yet). */
    code: import("@sinclair/typebox").TString;
    reason: import("@sinclair/typebox").TString;
    operation_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
}>;
export declare const SyncAllResult: import("@sinclair/typebox").TObject<{
    pool_id: import("@sinclair/typebox").TString;
    target_state_id: import("@sinclair/typebox").TString;
    dry_run: import("@sinclair/typebox").TBoolean;
    created: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        endpoint_id: import("@sinclair/typebox").TString;
        endpoint_name: import("@sinclair/typebox").TString;
        operation_id: import("@sinclair/typebox").TString;
        total_packages: import("@sinclair/typebox").TInteger;
        blocked: import("@sinclair/typebox").TBoolean;
    }>>;
    skipped: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        endpoint_id: import("@sinclair/typebox").TString;
        endpoint_name: import("@sinclair/typebox").TString;
        /** SYNC_IN_PROGRESS (operation_id: the active one) or INVALID_STATE (no state reported yet). */
        code: import("@sinclair/typebox").TString;
        reason: import("@sinclair/typebox").TString;
        operation_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    requested_at: import("@sinclair/typebox").TString;
}>;
export type SyncAllResult = Static<typeof SyncAllResult>;
