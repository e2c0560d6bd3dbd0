export declare function isConnectionError(err: unknown): boolean;
export declare function isDatabaseError(err: unknown): boolean;
export declare function isUniqueViolation(err: unknown): boolean;
export declare function isForeignKeyViolation(err: unknown): boolean;
/** A short reason for users and health checks, e.g. "connection refused". Never SQL or secrets. */
export declare function describeDatabaseError(err: unknown): string;
