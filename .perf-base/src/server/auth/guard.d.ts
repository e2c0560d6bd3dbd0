import type { FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { type Principal } from './principal.js';
export type AccessRule = (p: Principal, req: FastifyRequest) => boolean;
export declare const allow: {
    /** Admin keys: everything. */
    admin: AccessRule;
    /** Read keys: GET/HEAD only. */
    read: AccessRule;
    /** Enroll keys (registration). Pool binding is checked by the service. */
    enroll: AccessRule;
    /** An endpoint key acting on itself: path parameter `name` is its endpoint id. */
    endpointSelf: (name?: string) => AccessRule;
    /** An endpoint key reading its own pool: path parameter `name` is its current pool id. */
    poolMember: (name?: string) => AccessRule;
    /** Any endpoint key; the service MUST then check the resource (canSeeState, …). */
    anyEndpoint: AccessRule;
};
/** onRequest hook enforcing `rules` (see the file comment). */
export declare function guard(...rules: AccessRule[]): onRequestHookHandler;
/** True when the route has a guard() among its onRequest hooks or is marked `config.public`. */
export declare function isGuardedOrPublic(route: RouteOptions): boolean;
/** The caller of a guarded route (the guard guarantees one). */
export declare function principalOf(req: FastifyRequest): Principal;
