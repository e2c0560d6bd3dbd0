import { AuthenticationError, PermissionError } from './principal.js';
const GUARD = Symbol('pacsync.guard');
function param(req, name) {
    const v = req.params?.[name];
    return typeof v === 'string' ? v : undefined;
}
const READ_METHODS = new Set(['GET', 'HEAD']);
export const allow = {
    /** Admin keys: everything. */
    admin: ((p) => p.role === 'admin'),
    /** Read keys: GET/HEAD only. */
    read: ((p, req) => p.role === 'read' && READ_METHODS.has(req.method)),
    /** Enroll keys (registration). Pool binding is checked by the service. */
    enroll: ((p) => p.role === 'enroll'),
    /** An endpoint key acting on itself: path parameter `name` is its endpoint id. */
    endpointSelf: (name = 'id') => (p, req) => p.role === 'endpoint' && p.endpointId !== null && param(req, name) === p.endpointId,
    /** An endpoint key reading its own pool: path parameter `name` is its current pool id. */
    poolMember: (name = 'id') => (p, req) => p.role === 'endpoint' && p.poolId !== null && param(req, name) === p.poolId,
    /** Any endpoint key; the service MUST then check the resource (canSeeState, …). */
    anyEndpoint: ((p) => p.role === 'endpoint'),
};
/** onRequest hook enforcing `rules` (see the file comment). */
export function guard(...rules) {
    const hook = async (req) => {
        const p = req.principal;
        if (!p)
            throw req.authError ?? new AuthenticationError('an API key is required (Authorization: Bearer <key>)');
        if (!rules.some((rule) => rule(p, req))) {
            const article = p.role === 'admin' || p.role === 'enroll' || p.role === 'endpoint' ? 'an' : 'a';
            throw new PermissionError(`${article} ${p.role} API key may not ${req.method} ${req.routeOptions.url ?? req.url}`);
        }
    };
    Object.defineProperty(hook, GUARD, { value: true });
    return hook;
}
/** True when the route has a guard() among its onRequest hooks or is marked `config.public`. */
export function isGuardedOrPublic(route) {
    const config = route.config;
    if (config?.public === true)
        return true;
    const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    return hooks.some((h) => h[GUARD] === true);
}
/** The caller of a guarded route (the guard guarantees one). */
export function principalOf(req) {
    if (!req.principal)
        throw new AuthenticationError('an API key is required (Authorization: Bearer <key>)');
    return req.principal;
}
//# sourceMappingURL=guard.js.map