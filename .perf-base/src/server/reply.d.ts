import type { EnvelopeOf, ErrorEnvelope } from '../contracts/common.contract.js';
import type { ErrorCode } from '../core/errors.js';
export declare function ok<T>(data: T, message?: string, now?: Date): EnvelopeOf<T>;
export declare function errorBody(code: ErrorCode, message: string, details: unknown, now?: Date): ErrorEnvelope;
