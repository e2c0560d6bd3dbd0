import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EnvelopeOf } from '../contracts/common.contract.js';
import type { Clock } from '../core/clock.js';
import type { DatabaseHandle } from '../db/database.js';
import { type Migration } from '../db/migration.js';
import { Migrator } from '../db/migrator.js';
import type { ServerConfig } from './config.js';
import { type Services } from './services/index.js';
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
}
declare module 'fastify' {
    interface FastifyInstance {
        deps: AppContext;
        /** The success envelope {success: true, data, message?, timestamp} with the app's clock. */
        ok<T>(data: T, message?: string): EnvelopeOf<T>;
    }
}
/** Log fields that must never be written: credentials in headers and anything key- or password-like. */
export declare const REDACTED_LOG_PATHS: string[];
export declare function buildApp(deps: AppDeps): Promise<App>;
