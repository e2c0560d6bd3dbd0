// The Fastify application, built from its dependencies so tests drive it with app.inject() on a
// real database and a fake clock. server.ts adds listening, signals and the database's lifetime.
//
// Request path: route (routes/<res>.routes.ts: TypeBox schema validates, handler calls a service)
// → service (services/<noun>.service.ts: rules, transactions, throws DomainErrors) → repository
// (db/<noun>.repository.ts: Kysely queries only) → dialect layer (db/dialect.ts) → database; the
// answer goes back through app.ok() or, for any error, the single error handler (error-handler.ts).
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import AjvCompiler from '@fastify/ajv-compiler';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
  type RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { EnvelopeOf } from '../contracts/common.contract.js';
import { StateReportRequest } from '../contracts/package.contract.js';
import type { Clock } from '../core/clock.js';
import type { DatabaseHandle } from '../db/database.js';
import { type Migration, loadMigrations } from '../db/migration.js';
import { Migrator } from '../db/migrator.js';
import type { ServerConfig } from './config.js';
import { redactKeys, redactUrl } from './auth/key-redaction.js';
import { installBodyParsers } from './body-parsers.js';
import { frameworkErrorHandler, installErrorHandling } from './error-handler.js';
import { ok } from './reply.js';
import { type BodyValidator, withFastPackageCheck } from './state-body-check.js';
import { healthRoutes } from './routes/health.routes.js';
import { metricsRoutes } from './routes/metrics.routes.js';
import { apiRoutes } from './routes/index.js';
import { Notifier } from './events/notifier.js';
import { PgNotifyTransport } from './events/pg-notify-transport.js';
import { createJobs, registerJobMetrics } from './jobs/index.js';
import { JobScheduler } from './jobs/scheduler.js';
import { createServices, type Services } from './services/index.js';
import { retentionSettings } from './services/retention.service.js';
import { VERSION } from './version.js';
import { registerWebUi } from './web-ui.js';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface AppDeps {
  database: DatabaseHandle;
  config: ServerConfig;
  clock: Clock;
  /** Fastify/pino logger options; false (default) for silence. Secrets are redacted either way. */
  logger?: FastifyServerOptions['logger'];
  /** Defaults to the migrations this build ships. */
  migrations?: readonly Migration[];
  /** Largest request body in bytes (default 1 MiB); routes may set their own `bodyLimit`. */
  bodyLimit?: number;
}

/** What routes reach through `app.deps`. Services built in buildApp belong here too. */
export interface AppContext {
  readonly database: DatabaseHandle;
  readonly config: ServerConfig;
  readonly clock: Clock;
  readonly migrator: Migrator;
  readonly startedAt: Date;
  /** Pools, endpoints, keys, states, events… (services/index.ts). */
  readonly services: Services;
  /** The background jobs' scheduler (jobs/scheduler.ts); server.ts starts its timers. */
  readonly jobs: JobScheduler;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppContext;
    /** The success envelope {success: true, data, message?, timestamp} with the app's clock. */
    ok<T>(data: T, message?: string): EnvelopeOf<T>;
  }
}

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

function loggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  // The request line is logged with any key in its URL redacted (`?token=` of browsers'
  // WebSockets, percent-encoded or not), and every line written is scrubbed of `psk_…` last.
  return {
    ...base,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    serializers: { req: requestLogFields, ...(base.serializers ?? {}) },
    hooks: { ...(base.hooks ?? {}), streamWrite: redactKeys },
  };
}

/** Fastify's default request log fields, with redactUrl applied to the URL. */
function requestLogFields(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/**
 * Node checks its header and request timeouts only every connectionsCheckingInterval (30 s by
 * default), so a slow-header client was held ~90 s; checking every second keeps the bounds close.
 */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

/**
 * `[server] trust_proxy` as Fastify takes it. A hop count becomes proxy-addr's "the n nearest
 * hops" function: Fastify 5 ignores a bare number for req.ip (it cannot vouch for the peer), and
 * like `true` it is meant for a server reachable only through its proxies.
 */
function trustProxyOption(setting: ServerConfig['server']['trust_proxy']): FastifyServerOptions['trustProxy'] {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return typeof setting === 'boolean' ? setting : [...setting];
}

/** `[server] instance_name`, else this host and port: who ran a job, in logs and job runs. */
export function instanceName(config: ServerConfig): string {
  return config.server.instance_name ?? `${hostname()}:${config.server.port}`;
}

const ajvCompilers = AjvCompiler();

/** Fastify's Ajv compiler, with type coercion switched off for request bodies only. */
const strictBodyValidator: AjvCompiler.BuildCompilerFromPool = (externalSchemas, options) => {
  const coercing = ajvCompilers(externalSchemas, options);
  const custom = { ...(options?.customOptions ?? {}), coerceTypes: false } as const;
  const strict = ajvCompilers(externalSchemas, { ...(options ?? {}), mode: undefined, customOptions: custom });
  return (route) => {
    if (route.httpPart !== 'body') return coercing(route);
    const validate = strict(route);
    // State reports: 1,500 packages checked by hand first (state-body-check.ts), Ajv for the rest.
    return route.schema === StateReportRequest ? (withFastPackageCheck(validate as BodyValidator) as unknown as typeof validate) : validate;
  };
};

function readPem(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${key} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/**
 * Security headers on every answer (helmet) and CORS for `[security] cors_origins` only (none
 * listed: no CORS headers at all). /docs (swagger-ui) loads only same-origin scripts and styles,
 * which helmet's default CSP allows.
 */
async function registerBrowserHeaders(app: App, config: ServerConfig): Promise<void> {
  const tls = config.security.tls_cert !== null;
  await app.register(helmet, {
    // Over plain http, upgrade-insecure-requests would send /docs' own assets to https:// (and
    // break it), and HSTS is meaningless; behind a TLS proxy, the proxy sets its own.
    contentSecurityPolicy: { directives: tls ? {} : { upgradeInsecureRequests: null } },
    strictTransportSecurity: tls,
  });
  const origins = config.security.cors_origins;
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
    // Keys travel in the Authorization header, never in cookies: no credentialed requests.
    credentials: false,
    maxAge: 600,
  });
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, clock, database } = deps;
  const bodyLimit = deps.bodyLimit ?? 1_048_576;
  const serverTimeouts = { headersTimeout: config.server.headers_timeout * 1000, connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS };
  const options: FastifyServerOptions & { http?: ServerOptions; https?: ServerOptions & { cert: Buffer; key: Buffer } } = {
    logger: loggerOptions(deps.logger),
    bodyLimit,
    requestTimeout: config.server.request_timeout * 1000,
    http: serverTimeouts,
    frameworkErrors: frameworkErrorHandler(clock),
    // Off by default: X-Forwarded-For is believed only from the proxies named here, so the rate
    // limiter keys on the real client behind them and nobody else can pick their own address.
    trustProxy: trustProxyOption(config.server.trust_proxy),
    ajv: {
      // Unknown properties are refused (400 naming them), not silently dropped.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true },
    },
    // Query strings, path parameters and headers are text: coerce them ("?limit=10"). A JSON body
    // is typed already: `{"name": 42}` or `{"auto_sync": "yes"}` is a 400, never silently coerced.
    schemaController: { compilersFactory: { buildValidator: strictBodyValidator } },
  };
  if (config.security.tls_cert && config.security.tls_key) {
    options.https = {
      ...serverTimeouts,
      cert: readPem(config.security.tls_cert, 'security.tls_cert'),
      key: readPem(config.security.tls_key, 'security.tls_key'),
    };
  }
  // The https option changes Fastify's server type parameter; the routes do not care which.
  const app = Fastify(options).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  // Sockets beyond the cap are closed as they arrive (WebSockets count too).
  if (config.server.max_connections > 0) app.server.maxConnections = config.server.max_connections;

  const migrator = new Migrator(database, deps.migrations ?? (await loadMigrations()));
  const startedAt = clock.now();
  // On PostgreSQL, realtime messages reach the WebSocket clients of every instance (LISTEN/NOTIFY).
  const transport = database.dialect === 'pg' && config.database.url ? new PgNotifyTransport(config.database.url, database.db, app.log) : undefined;
  if (transport) app.addHook('preClose', async () => transport.close());
  const services = createServices(
    { db: database.db, clock },
    { database, migrator, startedAt },
    {
      ...(transport ? { notifier: new Notifier(clock, transport) } : {}),
      repositoryAnalysis: config.features.enable_repository_analysis,
      operationPickupTimeout: config.features.operation_pickup_timeout,
      offlineAfter: config.features.offline_after,
      syncTimeout: config.features.sync_timeout,
      alertThresholds: config.alerts,
      retention: retentionSettings(config),
    },
  );
  const jobs = new JobScheduler(createJobs(services, config, database.db), database.db, clock, instanceName(config), {
    info: (obj, msg) => app.log.info(obj, msg),
    error: (obj, msg) => app.log.error(obj, msg),
  });
  services.health.useJobs(() => jobs.list(), instanceName(config));
  registerJobMetrics(services.metrics, database.db, instanceName(config));
  const context: AppContext = { database, config, clock, migrator, startedAt, services, jobs };
  app.decorate('deps', context);
  // Before the database closes (server.ts's onClose hook runs before ours: Fastify runs them last
  // registered first): a job in flight records its outcome, and no timer fires into a closed pool.
  app.addHook('preClose', async () => {
    await jobs.stop();
  });
  app.decorate('ok', <T>(data: T, message?: string) => ok(data, message, clock.now()));
  installErrorHandling(app, clock);
  installBodyParsers(app);
  await registerBrowserHeaders(app, config);

  await app.register(swagger, {
    openapi: {
      info: { title: `${config.web_ui.title} API`, version: VERSION },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Every answered request's duration by route pattern (never the raw URL: no ids or keys).
  const { metrics } = context.services;
  app.addHook('onResponse', async (req, reply) => {
    // The web UI's catch-all (`/*`) answers unknown paths too: its 404s are requests no route matched.
    const route = req.routeOptions.url ?? null;
    metrics.observeRequest(req.method, route === '/*' && reply.statusCode === 404 ? null : route, reply.statusCode, reply.elapsedTime / 1000);
  });

  await app.register(healthRoutes); // /health/live, /health/ready
  await app.register(metricsRoutes); // /metrics
  await app.register(apiRoutes, { prefix: '/api/v1' });
  await registerWebUi(app, config, clock); // `/` and the UI's client routes
  return app;
}
