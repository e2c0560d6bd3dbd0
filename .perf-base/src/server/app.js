// The Fastify application, built from its dependencies so tests drive it with app.inject() on a
// real database and a fake clock. server.ts adds listening, signals and the database's lifetime.
//
// Request path: route (routes/<res>.routes.ts: TypeBox schema validates, handler calls a service)
// → service (services/<noun>.service.ts: rules, transactions, throws DomainErrors) → repository
// (db/<noun>.repository.ts: Kysely queries only) → dialect layer (db/dialect.ts) → database; the
// answer goes back through app.ok() or, for any error, the single error handler (error-handler.ts).
import { readFileSync } from 'node:fs';
import AjvCompiler from '@fastify/ajv-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { loadMigrations } from '../db/migration.js';
import { Migrator } from '../db/migrator.js';
import { installErrorHandling } from './error-handler.js';
import { ok } from './reply.js';
import { healthRoutes } from './routes/health.routes.js';
import { apiRoutes } from './routes/index.js';
import { redactQueryToken } from './routes/ws.routes.js';
import { createServices } from './services/index.js';
import { VERSION } from './version.js';
/** Log fields that must never be written: credentials in headers and anything key- or password-like. */
export const REDACTED_LOG_PATHS = [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-api-key"]',
    'headers.authorization',
    'authorization',
    'key',
    'api_key',
    'apiKey',
    'admin_key',
    'password',
    'key_hash',
    'api_key_hash',
    '*.authorization',
    '*.key',
    '*.api_key',
    '*.apiKey',
    '*.admin_key',
    '*.password',
    '*.key_hash',
    '*.api_key_hash',
    '*.*.key',
    '*.*.api_key',
    '*.*.password',
];
function loggerOptions(logger) {
    if (!logger)
        return false;
    const base = logger === true ? {} : logger;
    // The request line is logged with an API key passed as `?token=` (browsers' WebSockets) redacted.
    return { ...base, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' }, serializers: { req: requestLogFields, ...(base.serializers ?? {}) } };
}
/** Fastify's default request log fields, with redactQueryToken applied to the URL. */
function requestLogFields(req) {
    return { method: req.method, url: redactQueryToken(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}
const ajvCompilers = AjvCompiler();
/** Fastify's Ajv compiler, with type coercion switched off for request bodies only. */
const strictBodyValidator = (externalSchemas, options) => {
    const coercing = ajvCompilers(externalSchemas, options);
    const custom = { ...(options?.customOptions ?? {}), coerceTypes: false };
    const strict = ajvCompilers(externalSchemas, { ...(options ?? {}), mode: undefined, customOptions: custom });
    return (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
};
function readPem(file, key) {
    try {
        return readFileSync(file);
    }
    catch (err) {
        throw new Error(`cannot read ${key} ${file}: ${err.code ?? err.message}`);
    }
}
export async function buildApp(deps) {
    const { config, clock, database } = deps;
    const bodyLimit = deps.bodyLimit ?? 1_048_576;
    const options = {
        logger: loggerOptions(deps.logger),
        bodyLimit,
        requestTimeout: config.server.request_timeout * 1000,
        ajv: {
            // Unknown properties are refused (400 naming them), not silently dropped.
            customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true },
        },
        // Query strings, path parameters and headers are text: coerce them ("?limit=10"). A JSON body
        // is typed already: `{"name": 42}` or `{"auto_sync": "yes"}` is a 400, never silently coerced.
        schemaController: { compilersFactory: { buildValidator: strictBodyValidator } },
    };
    if (config.security.tls_cert && config.security.tls_key) {
        options.https = { cert: readPem(config.security.tls_cert, 'security.tls_cert'), key: readPem(config.security.tls_key, 'security.tls_key') };
    }
    // The https option changes Fastify's server type parameter; the routes do not care which.
    const app = Fastify(options).withTypeProvider();
    const context = {
        database,
        config,
        clock,
        migrator: new Migrator(database, deps.migrations ?? (await loadMigrations())),
        startedAt: clock.now(),
        services: createServices({ db: database.db, clock }, { repositoryAnalysis: config.features.enable_repository_analysis }),
    };
    app.decorate('deps', context);
    app.decorate('ok', (data, message) => ok(data, message, clock.now()));
    installErrorHandling(app, clock);
    await app.register(swagger, {
        openapi: {
            info: { title: `${config.web_ui.title} API`, version: VERSION },
            components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
            security: [{ bearerAuth: [] }],
        },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    await app.register(healthRoutes); // /health/live, /health/ready
    await app.register(apiRoutes, { prefix: '/api/v1' });
    return app;
}
//# sourceMappingURL=app.js.map