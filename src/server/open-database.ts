// Opening the configured database, shared by `serve` and the one-shot commands (migrate, db, keys)
// without loading the HTTP stack.
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from '../db/database.js';
import type { ServerConfig } from './config.js';

/** A start-up failure with a one-line, user-facing message. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Opens the database described by config; failures become StartupErrors. */
export async function openConfiguredDatabase(config: ServerConfig): Promise<DatabaseHandle> {
  try {
    const options = databaseOptions(config);
    // A pooled connection dropped while idle (database restart) is replaced on next use; the
    // readiness check reports the outage, so nothing to do here beyond not crashing.
    if (options.dialect === 'pg') options.onIdleError = () => {};
    return openDatabase(options);
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
}

/** How the server opens its database. PostgreSQL's pool holds pool_size + max_overflow connections. */
export function databaseOptions(config: ServerConfig): DatabaseOptions {
  if (config.database.type === 'postgresql' && config.database.url) {
    return {
      dialect: 'pg',
      url: config.database.url,
      poolMax: config.database.pool_size + config.database.max_overflow,
      connectionTimeoutMs: config.database.pool_timeout * 1000,
      maxLifetimeSeconds: 3600,
    };
  }
  return { dialect: 'sqlite', file: config.database.file };
}
