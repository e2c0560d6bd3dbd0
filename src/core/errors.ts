// Domain errors. Core, services and the agent throw these; the server's single error handler maps
// `code` to an HTTP status (see ERROR_STATUS) and the error envelope (README "API keys and the HTTP API"). Never include secrets
// or stack traces in `message` or `details`: both reach the user.

export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'AUTHENTICATION_REQUIRED'
  | 'INSUFFICIENT_PERMISSIONS'
  /** An endpoint enrolled with an enroll key that an admin has not approved yet (403). */
  | 'ENDPOINT_NOT_APPROVED'
  | 'RESOURCE_NOT_FOUND'
  | 'RESOURCE_CONFLICT'
  | 'SYNC_IN_PROGRESS'
  | 'INVALID_STATE'
  | 'RATE_LIMIT_EXCEEDED'
  | 'REPORT_IN_PROGRESS'
  /** A hash-only state report whose hash is not the endpoint's current state: send the full state (409). */
  | 'STATE_HASH_UNKNOWN'
  /** A repository reported by its db_hash alone that no member of the endpoint's pool has stored: send its packages (409). */
  | 'REPOSITORY_HASH_UNKNOWN'
  /** An Idempotency-Key sent again with a different request (422). */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The database cannot be reached right now (PostgreSQL down or restarting): retry (503). */
  | 'DATABASE_UNAVAILABLE'
  /** The database's disk is full: nothing was written; retry once space is freed (507). */
  | 'STORAGE_FULL'
  | 'DATABASE_ERROR'
  | 'INTERNAL_ERROR';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  AUTHENTICATION_REQUIRED: 401,
  INSUFFICIENT_PERMISSIONS: 403,
  ENDPOINT_NOT_APPROVED: 403,
  RESOURCE_NOT_FOUND: 404,
  RESOURCE_CONFLICT: 409,
  SYNC_IN_PROGRESS: 409,
  INVALID_STATE: 422,
  RATE_LIMIT_EXCEEDED: 429,
  // Another report of the same endpoint is still being received: retry (Retry-After).
  REPORT_IN_PROGRESS: 429,
  STATE_HASH_UNKNOWN: 409,
  REPOSITORY_HASH_UNKNOWN: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  DATABASE_UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  DATABASE_ERROR: 500,
  INTERNAL_ERROR: 500,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  /** `field` names the offending input (e.g. `packages.firefox.version`). */
  constructor(
    readonly field: string,
    message: string,
    details?: unknown,
  ) {
    super('VALIDATION_ERROR', `${field}: ${message}`, details ?? { field });
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string) {
    super('RESOURCE_NOT_FOUND', `${resource} ${id} not found`, { resource, id });
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('RESOURCE_CONFLICT', message, details);
    this.name = 'ConflictError';
  }
}

export class InvalidStateError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('INVALID_STATE', message, details);
    this.name = 'InvalidStateError';
  }
}

/** A pacman database or configuration file that cannot be read as pacman would; names the file. */
export class PacmanFormatError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'PacmanFormatError';
  }
}
