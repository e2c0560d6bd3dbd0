import { type Static } from '@sinclair/typebox';
export declare const LiveData: import("@sinclair/typebox").TObject<{
    status: import("@sinclair/typebox").TLiteral<"ok">;
    uptime_seconds: import("@sinclair/typebox").TNumber;
    version: import("@sinclair/typebox").TString;
}>;
export type LiveData = Static<typeof LiveData>;
export declare const DatabaseHealth: import("@sinclair/typebox").TObject<{
    engine: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"sqlite">, import("@sinclair/typebox").TLiteral<"postgresql">]>;
    reachable: import("@sinclair/typebox").TBoolean;
    /** Round trip of `SELECT 1`, null when unreachable. */
    latency_ms: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TNumber, import("@sinclair/typebox").TNull]>;
    /** Why it is unreachable ("connection refused"); absent when reachable. */
    error: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export type DatabaseHealth = Static<typeof DatabaseHealth>;
export declare const MigrationHealth: import("@sinclair/typebox").TObject<{
    /** Highest applied version, null on an empty database. */
    current: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    pending: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
}>;
export type MigrationHealth = Static<typeof MigrationHealth>;
export declare const ReadyData: import("@sinclair/typebox").TObject<{
    /** `degraded`: serving, but an alert is active (set by the alert job). */
    status: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"ready">, import("@sinclair/typebox").TLiteral<"degraded">]>;
    version: import("@sinclair/typebox").TString;
    uptime_seconds: import("@sinclair/typebox").TNumber;
    database: import("@sinclair/typebox").TObject<{
        engine: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"sqlite">, import("@sinclair/typebox").TLiteral<"postgresql">]>;
        reachable: import("@sinclair/typebox").TBoolean;
        /** Round trip of `SELECT 1`, null when unreachable. */
        latency_ms: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TNumber, import("@sinclair/typebox").TNull]>;
        /** Why it is unreachable ("connection refused"); absent when reachable. */
        error: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>;
    migrations: import("@sinclair/typebox").TObject<{
        /** Highest applied version, null on an empty database. */
        current: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        pending: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    }>;
}>;
export type ReadyData = Static<typeof ReadyData>;
/** `error.details` of a 503 from /health/ready. */
export interface NotReadyDetails {
    status: 'not_ready';
    database: DatabaseHealth;
    migrations: MigrationHealth | null;
}
