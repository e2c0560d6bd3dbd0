import { DomainError, ERROR_STATUS } from '../core/errors.js';
import { describeDatabaseError, isDatabaseError, isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import { errorBody } from './reply.js';
const CONTEXT_NAME = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };
/** "body" + "/packages/0" + missing "name" → "body.packages.0.name". */
function fieldOf(context, e) {
    const parts = (e.instancePath ?? '').split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const extra = e.params?.missingProperty ?? e.params?.additionalProperty;
    if (typeof extra === 'string')
        parts.push(extra);
    if (typeof e.propertyName === 'string')
        parts.push(e.propertyName.slice(0, 255));
    return [CONTEXT_NAME[context] ?? context, ...parts].join('.');
}
function describeAjv(e) {
    if (e.keyword === 'required')
        return 'is required';
    if (typeof e.propertyName === 'string')
        return `is not a valid name (${e.message ?? 'invalid'})`;
    if (e.keyword === 'additionalProperties')
        return 'is not allowed';
    if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues))
        return `must be one of ${e.params.allowedValues.join(', ')}`;
    return e.message ?? 'is invalid';
}
function validationAnswer(err) {
    const context = err.validationContext ?? 'body';
    const errors = err.validation.map((e) => ({ field: fieldOf(context, e), message: describeAjv(e) }));
    const first = errors[0] ?? { field: context, message: 'is invalid' };
    return { status: 400, code: 'VALIDATION_ERROR', message: `${first.field}: ${first.message}`, details: { field: first.field, errors } };
}
const STATUS_CODE = {
    401: 'AUTHENTICATION_REQUIRED',
    403: 'INSUFFICIENT_PERMISSIONS',
    404: 'RESOURCE_NOT_FOUND',
    409: 'RESOURCE_CONFLICT',
    429: 'RATE_LIMIT_EXCEEDED',
};
function answerFor(error, bodyLimit) {
    if (error instanceof DomainError) {
        return { status: ERROR_STATUS[error.code], code: error.code, message: error.message, details: error.details ?? null };
    }
    const err = error;
    if (Array.isArray(err.validation))
        return validationAnswer(err);
    switch (err.code) {
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
            return { status: 413, code: 'VALIDATION_ERROR', message: `request body is too large (limit ${bodyLimit} bytes)`, details: { field: 'body', limit: bodyLimit } };
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
            return { status: 400, code: 'VALIDATION_ERROR', message: 'request body is not valid JSON', details: { field: 'body' } };
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
            return { status: 400, code: 'VALIDATION_ERROR', message: 'request body is empty but content-type is application/json', details: { field: 'body' } };
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
            return { status: 415, code: 'VALIDATION_ERROR', message: 'unsupported content-type: send application/json', details: { field: 'content-type' } };
        default:
            break;
    }
    // JSON.parse's SyntaxError (secure-json-parse) arrives with statusCode 400.
    if (err instanceof SyntaxError && err.statusCode === 400) {
        return { status: 400, code: 'VALIDATION_ERROR', message: 'request body is not valid JSON', details: { field: 'body' } };
    }
    if (isUniqueViolation(error)) {
        return { status: 409, code: 'RESOURCE_CONFLICT', message: 'the request conflicts with an existing record', details: null };
    }
    if (isForeignKeyViolation(error)) {
        return { status: 409, code: 'RESOURCE_CONFLICT', message: 'the request refers to a record that does not exist (or is still referenced)', details: null };
    }
    if (isDatabaseError(error)) {
        return { status: 500, code: 'DATABASE_ERROR', message: `database error: ${describeDatabaseError(error)}`, details: null };
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
        // Fastify's and plugins' client errors (bad URL, rate limit, …) carry safe messages.
        return { status, code: STATUS_CODE[status] ?? 'VALIDATION_ERROR', message: err.message, details: null };
    }
    if (status === 503)
        return { status, code: 'INTERNAL_ERROR', message: 'service unavailable', details: null };
    return { status: 500, code: 'INTERNAL_ERROR', message: 'internal server error', details: null };
}
export function installErrorHandling(app, clock) {
    const bodyLimit = app.initialConfig.bodyLimit ?? 1_048_576;
    app.setErrorHandler((error, request, reply) => {
        const answer = answerFor(error, request.routeOptions.bodyLimit ?? bodyLimit);
        if (answer.status >= 500)
            request.log.error({ err: error }, 'request failed');
        else
            request.log.info({ code: answer.code, message: answer.message }, 'request refused');
        return reply.code(answer.status).send(errorBody(answer.code, answer.message, answer.details, clock.now()));
    });
    app.setNotFoundHandler((request, reply) => {
        // The path only: a query string may carry something that must not be echoed.
        const pathOnly = request.url.split('?')[0] ?? '';
        return reply
            .code(404)
            .send(errorBody('RESOURCE_NOT_FOUND', `no route ${request.method} ${pathOnly}`, { method: request.method, path: pathOnly }, clock.now()));
    });
}
//# sourceMappingURL=error-handler.js.map