import { type Static } from '@sinclair/typebox';
/** Endpoint name: hostname-like (letters, digits, `._@+-`), 1–255, starting alphanumeric. */
export declare const ENDPOINT_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._@+-]*$";
export declare const EndpointName: import("@sinclair/typebox").TString;
/** RFC 1123 host name (labels of letters, digits and `-`, dot separated), ≤ 253 characters. */
export declare const HOSTNAME_PATTERN = "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
export declare const Hostname: import("@sinclair/typebox").TString;
export declare const EndpointStatus: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"online">, import("@sinclair/typebox").TLiteral<"offline">, import("@sinclair/typebox").TLiteral<"error">]>;
export type EndpointStatus = Static<typeof EndpointStatus>;
export declare const SyncStatus: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"in_sync">, import("@sinclair/typebox").TLiteral<"behind">, import("@sinclair/typebox").TLiteral<"ahead">, import("@sinclair/typebox").TLiteral<"sync_pending">, import("@sinclair/typebox").TLiteral<"unknown">]>;
export type SyncStatus = Static<typeof SyncStatus>;
/**
 * What the agent tells about its machine (seed `system_info`). The known keys are typed; other
 * keys are kept as given (bounded by the 1 MiB body limit and MAX_SYSTEM_INFO_KEYS).
 */
export declare const MAX_SYSTEM_INFO_KEYS = 64;
export declare const SystemInfo: import("@sinclair/typebox").TObject<{
    architecture: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    pacman_version: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    kernel: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    total_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    available_repos: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    client_version: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    os_release: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type SystemInfo = Static<typeof SystemInfo>;
export declare const RegisterEndpointBody: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    hostname: import("@sinclair/typebox").TString;
    /** Pool to join. An enroll key bound to a pool puts the endpoint there (and refuses others). */
    pool_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    system_info: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        architecture: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        pacman_version: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        kernel: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        total_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
        available_repos: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        client_version: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        os_release: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
}>;
export type RegisterEndpointBody = Static<typeof RegisterEndpointBody>;
export declare const UpdateEndpointBody: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    hostname: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    /** null leaves the pool; an id moves the endpoint (admin only). */
    pool_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    system_info: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        architecture: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        pacman_version: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        kernel: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        total_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
        available_repos: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        client_version: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        os_release: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
}>;
export type UpdateEndpointBody = Static<typeof UpdateEndpointBody>;
export declare const EndpointListQuery: import("@sinclair/typebox").TObject<{
    pool_id: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    status: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"online">, import("@sinclair/typebox").TLiteral<"offline">, import("@sinclair/typebox").TLiteral<"error">]>>;
    sync_status: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"in_sync">, import("@sinclair/typebox").TLiteral<"behind">, import("@sinclair/typebox").TLiteral<"ahead">, import("@sinclair/typebox").TLiteral<"sync_pending">, import("@sinclair/typebox").TLiteral<"unknown">]>>;
    /** Substring of name or hostname. */
    search: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    limit: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    offset: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
}>;
export type EndpointListQuery = Static<typeof EndpointListQuery>;
/**
 * Drift counts against the pool target (SPEC §4), kept current by the server; null before the
 * first report or without a target. Shape owned by src/core's drift computation.
 */
export declare const PackageSummary: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>, import("@sinclair/typebox").TNull]>;
export declare const EndpointView: import("@sinclair/typebox").TObject<{
    id: import("@sinclair/typebox").TString;
    name: import("@sinclair/typebox").TString;
    hostname: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    status: import("@sinclair/typebox").TString;
    sync_status: import("@sinclair/typebox").TString;
    system_info: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
    package_summary: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>, import("@sinclair/typebox").TNull]>;
    last_seen: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
    updated_at: import("@sinclair/typebox").TString;
}>;
export type EndpointView = Static<typeof EndpointView>;
export declare const RegisteredEndpoint: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    hostname: import("@sinclair/typebox").TString;
    id: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
    status: import("@sinclair/typebox").TString;
    system_info: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
    sync_status: import("@sinclair/typebox").TString;
    package_summary: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>, import("@sinclair/typebox").TNull]>;
    last_seen: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    updated_at: import("@sinclair/typebox").TString;
    api_key: import("@sinclair/typebox").TString;
    api_key_id: import("@sinclair/typebox").TString;
}>;
export type RegisteredEndpoint = Static<typeof RegisteredEndpoint>;
/** Latest operations and system events of one endpoint (newest first). */
export declare const RecentActivity: import("@sinclair/typebox").TObject<{
    operations: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
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
    }>>;
    events: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        id: import("@sinclair/typebox").TString;
        event_type: import("@sinclair/typebox").TString;
        severity: import("@sinclair/typebox").TString;
        message: import("@sinclair/typebox").TString;
        details: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
        user_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        created_at: import("@sinclair/typebox").TString;
    }>>;
}>;
export declare const EndpointDetail: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    hostname: import("@sinclair/typebox").TString;
    id: import("@sinclair/typebox").TString;
    pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    created_at: import("@sinclair/typebox").TString;
    status: import("@sinclair/typebox").TString;
    system_info: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
    sync_status: import("@sinclair/typebox").TString;
    package_summary: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>, import("@sinclair/typebox").TNull]>;
    last_seen: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    updated_at: import("@sinclair/typebox").TString;
    pool: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TObject<{
        id: import("@sinclair/typebox").TString;
        name: import("@sinclair/typebox").TString;
    }>, import("@sinclair/typebox").TNull]>;
    current_state_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    recent_activity: import("@sinclair/typebox").TObject<{
        operations: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
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
        }>>;
        events: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            id: import("@sinclair/typebox").TString;
            event_type: import("@sinclair/typebox").TString;
            severity: import("@sinclair/typebox").TString;
            message: import("@sinclair/typebox").TString;
            details: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TUnknown>;
            user_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            endpoint_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            pool_id: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            created_at: import("@sinclair/typebox").TString;
        }>>;
    }>;
}>;
export type EndpointDetail = Static<typeof EndpointDetail>;
