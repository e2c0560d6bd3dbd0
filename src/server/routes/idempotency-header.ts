// The `Idempotency-Key` request header of agent reports and operation progress/complete/fail
// (services/idempotency.ts): read and checked here, and `Idempotent-Replayed: true` on an answer
// that was stored by an earlier request with the same key.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../core/errors.js';
import { principalOf } from '../auth/guard.js';
import type { IdempotencyRequest } from '../services/idempotency.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** 1–255 visible ASCII characters without spaces or quotes (a UUID, a ULID, `queue-item:…`). */
const KEY_PATTERN = /^[A-Za-z0-9._:~+/=-]{1,255}$/;

/** OpenAPI description of the header (the routes' `headers` schema). */
export const IDEMPOTENCY_HEADER_DOC =
  'Optional. A key unique to this request (e.g. a UUID), sent again unchanged ' +
  'when the request is retried: a retry of a request that was carried out ' +
  'writes nothing and gets the same answer, with `Idempotent-Replayed: true`. Reusing a key for a different request is 422 IDEMPOTENCY_KEY_REUSED.';

/** The request's key with its scope and fingerprint, or undefined without the header. */
export function idempotencyOf(req: FastifyRequest): IdempotencyRequest | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(',') : raw;
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError('header.idempotency-key', 'must be 1–255 characters: letters, digits and . _ : ~ + / = -');
  }
  const p = principalOf(req);
  const scope = p.role === 'endpoint' && p.endpointId ? `endpoint:${p.endpointId}` : `key:${p.keyId}`;
  const fingerprint = createHash('sha256')
    .update(`${req.method} ${req.url}\n`)
    .update(JSON.stringify(req.body ?? null))
    .digest('hex');
  return { scope, key, fingerprint };
}

/** Marks an answer that an earlier request with the same key produced. */
export function markReplayed(reply: FastifyReply, idem: IdempotencyRequest | undefined): void {
  if (idem?.replayed) reply.header(REPLAYED_HEADER, 'true');
}
