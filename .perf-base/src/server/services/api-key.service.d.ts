import type { CreateKeyBody, CreatedKey, KeyListQuery, KeyView } from '../../contracts/key.contract.js';
import { type ApiKeyRow } from '../../db/api-key.repository.js';
import type { Executor } from '../../db/executor.js';
import { type Principal } from '../auth/principal.js';
import type { ServiceContext } from './context.js';
/** last_used is written at most this often per key (one UPDATE per minute, not per request). */
export declare const LAST_USED_RESOLUTION_MS = 60000;
/** An online endpoint's last_seen is refreshed at most this often (offline detection is minutes). */
export declare const LAST_SEEN_RESOLUTION_MS = 15000;
export declare function toKeyView(row: ApiKeyRow): KeyView;
export type AdminBootstrap = {
    created: false;
} | {
    created: true;
    source: 'config';
    keyId: string;
} | {
    created: true;
    source: 'generated';
    keyId: string;
    key: string;
};
export declare class ApiKeyService {
    private readonly ctx;
    constructor(ctx: ServiceContext);
    /**
     * Resolves an Authorization header to the calling key. No header: null (the route's guard
     * decides whether that is allowed). Malformed, unknown, revoked or expired: AuthenticationError.
     * Also records use: last_used, and for endpoint keys the endpoint's last_seen/status.
     */
    authenticate(header: string | string[] | undefined): Promise<Principal | null>;
    create(input: CreateKeyBody, actor: string): Promise<CreatedKey>;
    /**
     * An endpoint's own key, created with the endpoint (registration) inside the caller's
     * transaction, after the endpoint row (whose api_key_hash is hashApiKey(key)).
     */
    issueEndpointKey(trx: Executor, endpointId: string, name: string, now: Date, key?: string): Promise<{
        id: string;
        key: string;
        hash: string;
    }>;
    list(query: KeyListQuery): Promise<KeyView[]>;
    /** Deactivates a key (kept for the audit trail). Refuses to revoke the last usable admin key. */
    revoke(id: string, actor: string): Promise<KeyView>;
    /**
     * First start: when no usable admin key exists, PACSYNC_ADMIN_KEY (`configured`) becomes one,
     * or a new key is generated and returned for the caller to print once. Otherwise nothing.
     */
    ensureAdminKey(configured: string | undefined): Promise<AdminBootstrap>;
    private usableAdminKeys;
    private insertKey;
}
