// API key secrets: generation, format check and hashing. A key is `psk_` + 32 random bytes in
// base64url (47 characters); only its SHA-256 (hex) is stored. SHA-256 without salt is enough
// here because keys are random, not passwords: there is nothing to guess from the hash.
import { createHash, randomBytes } from 'node:crypto';
export const KEY_PREFIX = 'psk_';
export const KEY_RANDOM_BYTES = 32;
/** What a bearer token may look like before we bother the database: printable, bounded. */
const TOKEN_PATTERN = /^[\x21-\x7e]{16,512}$/;
/** A configured admin key (PACSYNC_ADMIN_KEY) must be at least this long. */
export const MIN_CONFIGURED_KEY_LENGTH = 24;
export function generateApiKey() {
    return KEY_PREFIX + randomBytes(KEY_RANDOM_BYTES).toString('base64url');
}
export function hashApiKey(key) {
    return createHash('sha256').update(key, 'utf8').digest('hex');
}
export function isWellFormedToken(token) {
    return TOKEN_PATTERN.test(token);
}
/** Parses an `Authorization` header value: `Bearer <key>` (scheme case-insensitive). */
export function parseAuthorization(header) {
    if (header === undefined)
        return { kind: 'none' };
    if (Array.isArray(header))
        return { kind: 'malformed', reason: 'several Authorization headers' };
    const m = /^Bearer +(\S+) *$/i.exec(header);
    if (!m?.[1])
        return { kind: 'malformed', reason: "Authorization header must be 'Bearer <api key>'" };
    if (!isWellFormedToken(m[1]))
        return { kind: 'malformed', reason: 'API key has an invalid format' };
    return { kind: 'token', token: m[1] };
}
//# sourceMappingURL=api-key.js.map