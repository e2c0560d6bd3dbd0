// Domain errors. Core, services and the agent throw these; the server's single error handler maps
// `code` to an HTTP status (see ERROR_STATUS) and the SPEC §5 error envelope. Never include secrets
// or stack traces in `message` or `details`: both reach the user.
export const ERROR_STATUS = {
    VALIDATION_ERROR: 400,
    AUTHENTICATION_REQUIRED: 401,
    INSUFFICIENT_PERMISSIONS: 403,
    RESOURCE_NOT_FOUND: 404,
    RESOURCE_CONFLICT: 409,
    SYNC_IN_PROGRESS: 409,
    INVALID_STATE: 422,
    RATE_LIMIT_EXCEEDED: 429,
    DATABASE_ERROR: 500,
    INTERNAL_ERROR: 500,
};
export class DomainError extends Error {
    code;
    details;
    constructor(code, message, details) {
        super(message);
        this.code = code;
        this.details = details;
        this.name = 'DomainError';
    }
}
export class ValidationError extends DomainError {
    field;
    /** `field` names the offending input (e.g. `packages.firefox.version`). */
    constructor(field, message, details) {
        super('VALIDATION_ERROR', `${field}: ${message}`, details ?? { field });
        this.field = field;
        this.name = 'ValidationError';
    }
}
export class NotFoundError extends DomainError {
    constructor(resource, id) {
        super('RESOURCE_NOT_FOUND', `${resource} ${id} not found`, { resource, id });
        this.name = 'NotFoundError';
    }
}
export class ConflictError extends DomainError {
    constructor(message, details) {
        super('RESOURCE_CONFLICT', message, details);
        this.name = 'ConflictError';
    }
}
export class InvalidStateError extends DomainError {
    constructor(message, details) {
        super('INVALID_STATE', message, details);
        this.name = 'InvalidStateError';
    }
}
/** A pacman database or configuration file that cannot be read as pacman would; names the file. */
export class PacmanFormatError extends Error {
    file;
    constructor(file, message) {
        super(`${file}: ${message}`);
        this.file = file;
        this.name = 'PacmanFormatError';
    }
}
//# sourceMappingURL=errors.js.map