// The server's ONE error handler: every failure leaves as the error envelope (README "API keys and the HTTP API")
// {success:false, error:{code, message, details}, timestamp}. DomainErrors keep their code
// (status from ERROR_STATUS); Fastify's own errors (validation, body size, bad JSON, media type)
// become 4xx with a message naming the problem; a database that cannot be reached becomes 503
// DATABASE_UNAVAILABLE, a full disk 507 STORAGE_FULL (both with Retry-After), other database errors 500 DATABASE_ERROR and
// anything else 500 INTERNAL_ERROR — both without internals, which go to the log only.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.js';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../core/errors.js';
import {
  describeDatabaseError,
  isConnectionError,
  isDatabaseError,
  isForeignKeyViolation,
  isRetryableConflict,
  isStorageFull,
  isUniqueViolation,
} from '../db/errors.js';
import { redactKeys, redactKeysDeep, redactUrl } from './auth/key-redaction.js';
import { formatSize } from './config.js';
import { errorBody } from './reply.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The configuration key that sets this route's bodyLimit, named in its 413. */
    bodyLimitSetting?: string;
  }
}

interface Answer {
  status: number;
  code: ErrorCode;
  message: string;
  details: unknown;
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
  /** Set by Ajv on errors of a `propertyNames` rule: the offending key (e.g. a package name). */
  propertyName?: string;
}

const CONTEXT_NAME: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/** "body" + "/packages/0" + missing "name" → "body.packages.0.name". */
function fieldOf(context: string, e: AjvError): string {
  const parts = (e.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = e.params?.missingProperty ?? e.params?.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  if (typeof e.propertyName === 'string') parts.push(e.propertyName.slice(0, 255));
  return [CONTEXT_NAME[context] ?? context, ...parts].join('.');
}

function describeAjv(e: AjvError): string {
  if (e.keyword === 'required') return 'is required';
  if (typeof e.propertyName === 'string') return `is not a valid name (${e.message ?? 'invalid'})`;
  if (e.keyword === 'additionalProperties') return 'is not allowed';
  if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)) return `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  return e.message ?? 'is invalid';
}

function validationAnswer(err: FastifyError): Answer {
  const context = err.validationContext ?? 'body';
  const ajv = err.validation as AjvError[];
  const errors = ajv.map((e) => ({ field: fieldOf(context, e), message: describeAjv(e) }));
  let first = errors[0] ?? { field: context, message: 'is invalid' };
  // A union of constants (TypeBox literals) fails once per constant: name them all.
  const allowed = ajv.filter((e) => e.keyword === 'const' && e.instancePath === ajv[0]?.instancePath).map((e) => e.params?.allowedValue);
  if (ajv[0]?.keyword === 'const' && allowed.length > 1) first = { field: first.field, message: `must be one of ${allowed.join(', ')}` };
  return { status: 400, code: 'VALIDATION_ERROR', message: `${first.field}: ${first.message}`, details: { field: first.field, errors } };
}

const STATUS_CODE: Record<number, ErrorCode> = {
  401: 'AUTHENTICATION_REQUIRED',
  403: 'INSUFFICIENT_PERMISSIONS',
  404: 'RESOURCE_NOT_FOUND',
  409: 'RESOURCE_CONFLICT',
  429: 'RATE_LIMIT_EXCEEDED',
};

/** `setting`: the configuration key that sets this route's body limit, named in the 413. */
function answerFor(error: unknown, bodyLimit: number, setting: string | undefined): Answer {
  if (error instanceof DomainError) {
    return { status: ERROR_STATUS[error.code], code: error.code, message: error.message, details: error.details ?? null };
  }
  const err = error as FastifyError;
  if (Array.isArray(err.validation)) return validationAnswer(err);
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'VALIDATION_ERROR',
        message: `request body is too large (limit ${bodyLimit} bytes, ${formatSize(bodyLimit)}${setting ? `: ${setting}` : ''})`,
        details: { field: 'body', limit: bodyLimit, ...(setting ? { setting } : {}) },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'VALIDATION_ERROR', message: 'request body is not valid JSON', details: { field: 'body' } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'VALIDATION_ERROR',
        message: 'request body is empty but content-type is application/json',
        details: { field: 'body' },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'VALIDATION_ERROR',
        message: 'unsupported content-type: send application/json',
        details: { field: 'content-type' },
      };
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
    return {
      status: 409,
      code: 'RESOURCE_CONFLICT',
      message: 'the request refers to a record that does not exist (or is still referenced)',
      details: null,
    };
  }
  if (isRetryableConflict(error)) {
    return {
      status: 409,
      code: 'RESOURCE_CONFLICT',
      message: 'the request conflicted with concurrent changes; retry it',
      details: { retryable: true },
    };
  }
  // Not the request's fault and not lasting: say what is wrong and that a retry will do (agents
  // keep their reports queued on a 5xx). Nothing was written in either case.
  if (isStorageFull(error)) {
    return {
      status: 507,
      code: 'STORAGE_FULL',
      message: "the server's database disk is full: nothing was written; retry once the administrator has freed space",
      details: { retryable: true },
    };
  }
  if (isConnectionError(error)) {
    return {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: `the database is unavailable (${describeDatabaseError(error)}): nothing was written; retry shortly`,
      details: { retryable: true },
    };
  }
  if (isDatabaseError(error)) {
    return { status: 500, code: 'DATABASE_ERROR', message: `database error: ${describeDatabaseError(error)}`, details: null };
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's and plugins' client errors (bad URL, rate limit, …) carry safe messages.
    return { status, code: STATUS_CODE[status] ?? 'VALIDATION_ERROR', message: err.message, details: null };
  }
  if (status === 503) return { status, code: 'INTERNAL_ERROR', message: 'service unavailable', details: null };
  return { status: 500, code: 'INTERNAL_ERROR', message: 'internal server error', details: null };
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply, clock: Clock, bodyLimit: number): FastifyReply {
  const setting = request.routeOptions?.config?.bodyLimitSetting;
  const answer = answerFor(error, request.routeOptions?.bodyLimit ?? bodyLimit, setting);
  // Fastify's messages may quote the URL (a bad path, …): no key may ride along in them.
  const message = redactKeys(answer.message);
  if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
  if (answer.code === 'DATABASE_UNAVAILABLE' || answer.code === 'STORAGE_FULL')
    reply.header('retry-after', answer.code === 'STORAGE_FULL' ? '60' : '5');
  else request.log.info({ code: answer.code, message }, 'request refused');
  return reply.code(answer.status).send(errorBody(answer.code, message, redactKeysDeep(answer.details), clock.now()));
}

/**
 * Fastify's `frameworkErrors` option: errors met before routing (a URL with bad percent-encoding,
 * an over-long parameter) get the same envelope instead of Fastify's own body, which quotes the
 * raw URL — key and all.
 */
export function frameworkErrorHandler(clock: Clock): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    sendError(error, request, reply, clock, 1_048_576);
  };
}

export function installErrorHandling(app: FastifyInstance, clock: Clock): void {
  const bodyLimit = app.initialConfig.bodyLimit ?? 1_048_576;

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => sendError(error, request, reply, clock, bodyLimit));

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    // The path only: a query string may carry something that must not be echoed; and a key in
    // the path itself (`/ws;token=psk_…`) is redacted.
    const pathOnly = redactUrl(request.url.split('?')[0] ?? '');
    return reply
      .code(404)
      .send(errorBody('RESOURCE_NOT_FOUND', `no route ${request.method} ${pathOnly}`, { method: request.method, path: pathOnly }, clock.now()));
  });
}
