// Route access rules. Every /api/v1 route names who may call it with `onRequest: guard(...)`;
// the auth plugin refuses to start when a route has no guard and is not marked public, so a
// forgotten rule is a startup error, not an open door.
//
//   app.get('/pools/:id', { onRequest: guard(allow.admin, allow.read, allow.poolMember('id')), … })
//
// A request passes when ANY rule allows it. No key (or a bad one): 401. A valid key that no rule
// allows: 403. Rules see raw path parameters (guards run before validation, so an unauthorised
// caller learns nothing about the body's validity); resource-level checks that need the database
// (e.g. a state's pool) are the resource's policy (src/server/policies/), which the service calls.
import type { FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { AuthenticationError, PermissionError, type Principal } from './principal.js';

export type AccessRule = (p: Principal, req: FastifyRequest) => boolean;

const GUARD = Symbol('pacsync.guard');

function param(req: FastifyRequest, name: string): string | undefined {
  const v = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

export const allow = {
  /** Admin keys: everything. */
  admin: ((p) => p.role === 'admin') as AccessRule,
  /** Read keys: GET/HEAD only. */
  read: ((p, req) => p.role === 'read' && READ_METHODS.has(req.method)) as AccessRule,
  /** Enroll keys (registration). Pool binding is checked by the service. */
  enroll: ((p) => p.role === 'enroll') as AccessRule,
  /** An endpoint key acting on itself: path parameter `name` is its endpoint id. */
  endpointSelf:
    (name = 'id'): AccessRule =>
    (p, req) =>
      p.role === 'endpoint' && p.endpointId !== null && param(req, name) === p.endpointId,
  /** An endpoint key reading its own pool: path parameter `name` is its current pool id. */
  poolMember:
    (name = 'id'): AccessRule =>
    (p, req) =>
      p.role === 'endpoint' && p.poolId !== null && param(req, name) === p.poolId,
  /** Any endpoint key; the service MUST then check the resource with its policy (policies/). */
  anyEndpoint: ((p) => p.role === 'endpoint') as AccessRule,
};

/** onRequest hook enforcing `rules` (see the file comment). */
export function guard(...rules: AccessRule[]): onRequestHookHandler {
  const hook = async (req: FastifyRequest): Promise<void> => {
    const p = req.principal;
    if (!p) throw req.authError ?? new AuthenticationError('an API key is required (Authorization: Bearer <key>)');
    if (!rules.some((rule) => rule(p, req))) {
      const article = p.role === 'admin' || p.role === 'enroll' || p.role === 'endpoint' ? 'an' : 'a';
      throw new PermissionError(`${article} ${p.role} API key may not ${req.method} ${req.routeOptions.url ?? req.url}`);
    }
  };
  Object.defineProperty(hook, GUARD, { value: true });
  return hook as unknown as onRequestHookHandler;
}

/** True when the route has a guard() among its onRequest hooks or is marked `config.public`. */
export function isGuardedOrPublic(route: RouteOptions): boolean {
  const config = route.config as { public?: boolean } | undefined;
  if (config?.public === true) return true;
  const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
  return hooks.some((h) => (h as unknown as Record<symbol, unknown>)[GUARD] === true);
}

/** The caller of a guarded route (the guard guarantees one). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AuthenticationError('an API key is required (Authorization: Bearer <key>)');
  return req.principal;
}
