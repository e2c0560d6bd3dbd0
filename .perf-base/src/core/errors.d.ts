export type ErrorCode = 'VALIDATION_ERROR' | 'AUTHENTICATION_REQUIRED' | 'INSUFFICIENT_PERMISSIONS' | 'RESOURCE_NOT_FOUND' | 'RESOURCE_CONFLICT' | 'SYNC_IN_PROGRESS' | 'INVALID_STATE' | 'RATE_LIMIT_EXCEEDED' | 'DATABASE_ERROR' | 'INTERNAL_ERROR';
export declare const ERROR_STATUS: Record<ErrorCode, number>;
export declare class DomainError extends Error {
    readonly code: ErrorCode;
    readonly details?: unknown | undefined;
    constructor(code: ErrorCode, message: string, details?: unknown | undefined);
}
export declare class ValidationError extends DomainError {
    readonly field: string;
    /** `field` names the offending input (e.g. `packages.firefox.version`). */
    constructor(field: string, message: string, details?: unknown);
}
export declare class NotFoundError extends DomainError {
    constructor(resource: string, id: string);
}
export declare class ConflictError extends DomainError {
    constructor(message: string, details?: unknown);
}
export declare class InvalidStateError extends DomainError {
    constructor(message: string, details?: unknown);
}
/** A pacman database or configuration file that cannot be read as pacman would; names the file. */
export declare class PacmanFormatError extends Error {
    readonly file: string;
    constructor(file: string, message: string);
}
