// Who is calling: the authenticated API key, resolved once per request by the auth plugin and
// read by guards (auth/guard.ts), the resource policies (src/server/policies/) and the audit log.
import { DomainError } from '../../core/errors.js';
import type { KeyRole } from '../../contracts/key.contract.js';

export interface Principal {
  keyId: string;
  /** The key's name (may be null for old rows). Safe to log; the secret never is. */
  name: string | null;
  role: KeyRole;
  /**
   * enroll: the pool the key is bound to (null: any pool).
   * endpoint: the endpoint's CURRENT pool (read at authentication, so a move takes effect at once).
   */
  poolId: string | null;
  /** endpoint: the endpoint the key acts as; null for other roles. */
  endpointId: string | null;
  /** When the key expires (ISO-8601), if ever: a long-lived WebSocket stops hearing at that time. */
  expiresAt?: string | null;
}

/** 401: no key, a malformed header, or a key that is unknown, revoked or expired. */
export class AuthenticationError extends DomainError {
  constructor(message: string) {
    super('AUTHENTICATION_REQUIRED', message);
    this.name = 'AuthenticationError';
  }
}

/** 403: a valid key whose role or scope does not cover the request. */
export class PermissionError extends DomainError {
  constructor(message: string) {
    super('INSUFFICIENT_PERMISSIONS', message);
    this.name = 'PermissionError';
  }
}

/** The audit log's user_id for an action: the key's name and id, never the key itself. */
export function actorOf(principal: Principal | null): string {
  if (!principal) return 'system';
  const label = principal.name ? `${principal.name} (${principal.keyId})` : `key ${principal.keyId}`;
  return label.slice(0, 255);
}
