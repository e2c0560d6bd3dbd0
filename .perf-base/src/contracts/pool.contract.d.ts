import { type Static } from '@sinclair/typebox';
export declare const ConflictResolution: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"manual">, import("@sinclair/typebox").TLiteral<"newest">, import("@sinclair/typebox").TLiteral<"oldest">]>;
export type ConflictResolution = Static<typeof ConflictResolution>;
export declare const MAX_HISTORY_LIMIT = 10000;
/** Every pool setting, as stored and returned (defaults filled in by the server). */
export declare const PoolSettings: import("@sinclair/typebox").TObject<{
    auto_sync: import("@sinclair/typebox").TBoolean;
    conflict_resolution: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"manual">, import("@sinclair/typebox").TLiteral<"newest">, import("@sinclair/typebox").TLiteral<"oldest">]>;
    /** Exact package names or globs (`linux*`); never in a plan, never drift. */
    excluded_packages: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    excluded_repos: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    /** Non-target states kept per pool by retention (seed default 50). */
    max_history: import("@sinclair/typebox").TInteger;
    /** Five-field cron expression for `auto_sync`, or null for none (checked with cron-parser). */
    sync_schedule: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    /** Remove `extra` packages (installed explicitly, not in target) on sync. */
    remove_extra: import("@sinclair/typebox").TBoolean;
}>;
export type PoolSettings = Static<typeof PoolSettings>;
export declare const DEFAULT_POOL_SETTINGS: PoolSettings;
/** Settings in a request: any subset, merged over the current (or default) settings. */
export declare const PoolSettingsInput: import("@sinclair/typebox").TObject<{
    auto_sync: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
    conflict_resolution: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"manual">, import("@sinclair/typebox").TLiteral<"newest">, import("@sinclair/typebox").TLiteral<"oldest">]>>;
    excluded_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    excluded_repos: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    max_history: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    sync_schedule: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    remove_extra: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
}>;
export type PoolSettingsInput = Static<typeof PoolSettingsInput>;
export declare const PoolName: import("@sinclair/typebox").TString;
export declare const CreatePoolBody: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    description: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    settings: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        auto_sync: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
        conflict_resolution: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"manual">, import("@sinclair/typebox").TLiteral<"newest">, import("@sinclair/typebox").TLiteral<"oldest">]>>;
        excluded_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        excluded_repos: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        max_history: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
        sync_schedule: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
        remove_extra: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
    }>>;
}>;
export type CreatePoolBody = Static<typeof CreatePoolBody>;
export declare const UpdatePoolBody: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    description: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    settings: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        auto_sync: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
        conflict_resolution: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"manual">, import("@sinclair/typebox").TLiteral<"newest">, import("@sinclair/typebox").TLiteral<"oldest">]>>;
        excluded_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        excluded_repos: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        max_history: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
        sync_schedule: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
        remove_extra: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
    }>>;
}>;
export type UpdatePoolBody = Static<typeof UpdatePoolBody>;
export declare const DeletePoolQuery: import("@sinclair/typebox").TObject<{
    force: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TBoolean>;
}>;
export type DeletePoolQuery = Static<typeof DeletePoolQuery>;
export declare const AssignEndpointBody: import("@sinclair/typebox").TObject<{
    endpoint_id: import("@sinclair/typebox").TString;
}>;
export type AssignEndpointBody = Static<typeof AssignEndpointBody>;
export declare const PoolEndpointParams: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    eid: import("@sinclair/typebox").TString;
}>;
export type PoolEndpointParams = Static<typeof PoolEndpointParams>;
export declare const PoolListQuery: import("@sinclair/typebox").TObject<{
    search: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    limit: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    offset: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
}>;
export type PoolListQuery = Static<typeof PoolListQuery>;
export declare const PoolView: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    name: import("@sinclair/typebox").TString;
    description: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    settings: import("@sinclair/typebox").TObject<{
        auto_sync: import("@sinclair/typebox").TBoolean;
        conflict_resolution: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"manual">, import("@sinclair/typebox").TLiteral<"newest">, import("@sinclair/typebox").TLiteral<"oldest">]>;
        /** Exact package names or globs (`linux*`); never in a plan, never drift. */
        excluded_packages: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        excluded_repos: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        /** Non-target states kept per pool by retention (seed default 50). */
        max_history: import("@sinclair/typebox").TInteger;
        /** Five-field cron expression for `auto_sync`, or null for none (checked with cron-parser). */
        sync_schedule: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        /** Remove `extra` packages (installed explicitly, not in target) on sync. */
        remove_extra: import("@sinclair/typebox").TBoolean;
    }>;
    endpoint_count: import("@sinclair/typebox").TInteger;
    target_state_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
    updated_at: import("@sinclair/typebox").TString;
}>;
export type PoolView = Static<typeof PoolView>;
/** A member endpoint as a pool detail lists it. */
export declare const PoolMember: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    name: import("@sinclair/typebox").TString;
    hostname: import("@sinclair/typebox").TString;
    status: import("@sinclair/typebox").TString;
    sync_status: import("@sinclair/typebox").TString;
    last_seen: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
}>;
export declare const TargetStateSummary: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    created_at: import("@sinclair/typebox").TString;
    created_by: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    total_packages: import("@sinclair/typebox").TInteger;
}>;
export type TargetStateSummary = Static<typeof TargetStateSummary>;
export declare const PoolStatistics: import("@sinclair/typebox").TObject<{
    total_endpoints: import("@sinclair/typebox").TInteger;
    /** Members per sync_status (in_sync, behind, ahead, sync_pending, unknown), zeros included. */
    by_sync_status: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TInteger>;
    /** Members per status (online, offline, error), zeros included. */
    by_status: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TInteger>;
}>;
export type PoolStatistics = Static<typeof PoolStatistics>;
export declare const PoolDetail: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    id: import("@sinclair/typebox").TString;
    created_at: import("@sinclair/typebox").TString;
    updated_at: import("@sinclair/typebox").TString;
    description: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    target_state_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    settings: import("@sinclair/typebox").TObject<{
        auto_sync: import("@sinclair/typebox").TBoolean;
        conflict_resolution: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"manual">, import("@sinclair/typebox").TLiteral<"newest">, import("@sinclair/typebox").TLiteral<"oldest">]>;
        /** Exact package names or globs (`linux*`); never in a plan, never drift. */
        excluded_packages: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        excluded_repos: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        /** Non-target states kept per pool by retention (seed default 50). */
        max_history: import("@sinclair/typebox").TInteger;
        /** Five-field cron expression for `auto_sync`, or null for none (checked with cron-parser). */
        sync_schedule: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        /** Remove `extra` packages (installed explicitly, not in target) on sync. */
        remove_extra: import("@sinclair/typebox").TBoolean;
    }>;
    endpoint_count: import("@sinclair/typebox").TInteger;
    members: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        id: import("@sinclair/typebox").TString;
        name: import("@sinclair/typebox").TString;
        hostname: import("@sinclair/typebox").TString;
        status: import("@sinclair/typebox").TString;
        sync_status: import("@sinclair/typebox").TString;
        last_seen: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>;
    target_state: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TObject<{
        id: import("@sinclair/typebox").TString;
        created_at: import("@sinclair/typebox").TString;
        created_by: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        message: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        total_packages: import("@sinclair/typebox").TInteger;
    }>, import("@sinclair/typebox").TNull]>;
    statistics: import("@sinclair/typebox").TObject<{
        total_endpoints: import("@sinclair/typebox").TInteger;
        /** Members per sync_status (in_sync, behind, ahead, sync_pending, unknown), zeros included. */
        by_sync_status: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TInteger>;
        /** Members per status (online, offline, error), zeros included. */
        by_status: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TInteger>;
    }>;
}>;
export type PoolDetail = Static<typeof PoolDetail>;
export declare const RevertTargetBody: import("@sinclair/typebox").TObject<{
    /** The earlier target to restore; default: the target before the current one. */
    state_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    message: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type RevertTargetBody = Static<typeof RevertTargetBody>;
