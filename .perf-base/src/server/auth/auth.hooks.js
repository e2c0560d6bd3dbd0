// Authentication and rate limiting for the /api/v1 scope. Call it first inside that scope's
// plugin, then register the route modules (hooks apply to the routes registered after them):
//
//   await registerAuth(api, { apiKeys, rateLimitPerMinute });
//   await api.register(poolRoutes, …);
//
// Per request, in order: (1) onRequest: the Authorization header is resolved to req.principal
// (one indexed lookup; a bad key is remembered in req.authError, not thrown, so public routes
// still answer); (2) onRequest: rate limit per key id, or per client address without a valid key;
// (3) the route's own guard(); then body parsing and validation.
import rateLimit from '@fastify/rate-limit';
import { DomainError } from '../../core/errors.js';
import { isGuardedOrPublic } from './guard.js';
import { AuthenticationError } from './principal.js';
export async function registerAuth(app, opts) {
    app.decorateRequest('principal', null);
    app.decorateRequest('authError', null);
    app.addHook('onRequest', async (req) => {
        try {
            req.principal = await opts.apiKeys.authenticate(req.headers.authorization);
        }
        catch (err) {
            if (!(err instanceof AuthenticationError))
                throw err;
            req.authError = err;
        }
    });
    if (opts.rateLimitPerMinute > 0) {
        await app.register(rateLimit, {
            global: false,
            max: opts.rateLimitPerMinute,
            timeWindow: 60_000,
            keyGenerator: (req) => (req.principal ? `key:${req.principal.keyId}` : `ip:${req.ip}`),
            errorResponseBuilder: (_req, ctx) => new DomainError('RATE_LIMIT_EXCEEDED', `rate limit of ${ctx.max} requests per minute exceeded, retry in ${ctx.after}`, {
                limit: ctx.max,
                retry_after_seconds: Math.ceil(ctx.ttl / 1000),
            }),
        });
        app.addHook('onRequest', app.rateLimit());
    }
    app.addHook('onRoute', (route) => {
        if (!isGuardedOrPublic(route)) {
            throw new Error(`route ${String(route.method)} ${route.url} has no guard(): declare who may call it`);
        }
    });
}
//# sourceMappingURL=auth.hooks.js.map