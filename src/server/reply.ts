// The HTTP API's envelopes (README "API keys and the HTTP API"). Routes answer `app.ok(data, message?)` (timestamp from the app's clock);
// errors never get built by hand: throw a DomainError and the error handler answers.
import type { EnvelopeOf, ErrorEnvelope } from '../contracts/common.contract.js';
import type { ErrorCode } from '../core/errors.js';

export function ok<T>(data: T, message?: string, now: Date = new Date()): EnvelopeOf<T> {
  return message === undefined
    ? { success: true, data, timestamp: now.toISOString() }
    : { success: true, data, message, timestamp: now.toISOString() };
}

export function errorBody(code: ErrorCode, message: string, details: unknown, now: Date = new Date()): ErrorEnvelope {
  return { success: false, error: { code, message, details: details ?? null }, timestamp: now.toISOString() };
}
