// The real Fastify app on a real test database with a fake clock, for app.inject() tests:
//
//   const t = await createTestApp(dialect);
//   const res = await t.app.inject({ method: 'GET', url: '/api/v1/pools' });
//   await t.close();
import type { FastifyServerOptions } from 'fastify';
import { type App, buildApp } from '../../src/server/app.js';
import { type ServerConfig, loadConfig } from '../../src/server/config.js';
import { type FakeClock, fakeClock } from './clock.js';
import { type TestDatabase, type TestDialect, createTestDatabase } from './database.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
  clock: FakeClock;
  config: ServerConfig;
  /** Closes the app, then deletes the database. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra configuration through environment variables, e.g. { PACSYNC_FEATURES_OFFLINE_AFTER: '5' }. */
  env?: Record<string, string>;
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** false: an empty, unmigrated database. */
  migrated?: boolean;
  clock?: FakeClock;
}

/** Configuration as the server would load it, from environment-style settings only. */
export function testConfig(env: Record<string, string> = {}): ServerConfig {
  return loadConfig({ env, flags: {}, cwd: process.cwd(), defaultConfigFile: '/nonexistent/pacsync-test/server.conf' });
}

export async function createTestApp(dialect: TestDialect, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect, { migrated: options.migrated ?? true });
  const clock = options.clock ?? fakeClock();
  const config = testConfig({ ...database.env, ...options.env });
  const app = await buildApp({ database: database.handle, config, clock, logger: options.logger ?? false, bodyLimit: options.bodyLimit });
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
