export declare const KEY_PREFIX = "psk_";
export declare const KEY_RANDOM_BYTES = 32;
/** A configured admin key (PACSYNC_ADMIN_KEY) must be at least this long. */
export declare const MIN_CONFIGURED_KEY_LENGTH = 24;
export declare function generateApiKey(): string;
export declare function hashApiKey(key: string): string;
export declare function isWellFormedToken(token: string): boolean;
export type BearerParse = {
    kind: 'none';
} | {
    kind: 'malformed';
    reason: string;
} | {
    kind: 'token';
    token: string;
};
/** Parses an `Authorization` header value: `Bearer <key>` (scheme case-insensitive). */
export declare function parseAuthorization(header: string | string[] | undefined): BearerParse;
