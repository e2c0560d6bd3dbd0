import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { ApiKeysTable } from './schema.js';
export type ApiKeyRow = Selectable<ApiKeysTable>;
/** A key row together with its endpoint's live fields (endpoint keys only). */
export interface ApiKeyWithEndpoint extends ApiKeyRow {
    endpoint_pool_id: string | null;
    endpoint_status: string | null;
    endpoint_last_seen: string | null;
    endpoint_name: string | null;
}
export declare function insertApiKey(db: Executor, row: Insertable<ApiKeysTable>): Promise<void>;
/** One indexed lookup per authenticated request, joined with the endpoint it acts as. */
export declare function findApiKeyByHash(db: Executor, keyHash: string): Promise<ApiKeyWithEndpoint | undefined>;
export declare function findApiKeyById(db: Executor, id: string): Promise<ApiKeyRow | undefined>;
/** Keys for listing, newest first. `includeRevoked` adds inactive keys. */
export declare function listApiKeys(db: Executor, opts: {
    includeRevoked: boolean;
}): Promise<ApiKeyRow[]>;
/**
 * Active keys that do not act as an endpoint (admin, read, enroll): few, so callers filter the
 * role from `permissions` in code rather than with engine-specific JSON SQL.
 */
export declare function listActiveNonEndpointKeys(db: Executor): Promise<ApiKeyRow[]>;
export declare function deactivateApiKey(db: Executor, id: string): Promise<boolean>;
export declare function touchApiKeyLastUsed(db: Executor, id: string, at: Date): Promise<void>;
