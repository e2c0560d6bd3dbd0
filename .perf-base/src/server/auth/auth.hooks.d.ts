import type { FastifyInstance } from 'fastify';
import type { ApiKeyService } from '../services/api-key.service.js';
import { AuthenticationError, type Principal } from './principal.js';
declare module 'fastify' {
    interface FastifyRequest {
        /** The calling API key, or null (no key, or a bad one: see authError). */
        principal: Principal | null;
        /** Why the key in the request was refused, when it was. */
        authError: AuthenticationError | null;
    }
}
export interface AuthPluginOptions {
    apiKeys: ApiKeyService;
    /** Requests per minute per key (or per address without a valid key); 0 disables the limit. */
    rateLimitPerMinute: number;
}
export declare function registerAuth(app: FastifyInstance, opts: AuthPluginOptions): Promise<void>;
