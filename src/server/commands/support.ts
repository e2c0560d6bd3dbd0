// Shared by every `pacsync-server` command: the --config option, loading configuration, opening
// the database, and the rule that any failure is ONE line on stderr and a non-zero exit
// (2 for configuration errors, 1 otherwise) — never a stack trace.
import { userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { DatabaseHandle } from '../../db/database.js';
import { loadMigrations } from '../../db/migration.js';
import { Migrator } from '../../db/migrator.js';
import { describeDatabaseError, isConnectionError, isDatabaseError } from '../../db/errors.js';
import { ConfigError } from '../../config/config-error.js';
import { type ConfigFlags, type ServerConfig, loadConfig } from '../config.js';
import { openConfiguredDatabase } from '../open-database.js';

export function addConfigOption(cmd: Command): Command {
  return cmd.option('-c, --config <file>', 'configuration file (default /etc/pacman-sync/server.conf when present)');
}

export function loadCliConfig(flags: ConfigFlags): ServerConfig {
  const config = loadConfig({ flags });
  return config;
}

/** Prints `pacsync-server: <message>` on stderr and sets the exit code. */
export function reportFailure(err: unknown): void {
  let message: string;
  if (isDatabaseError(err)) message = `database error: ${describeDatabaseError(err)}`;
  else if (err instanceof ConfigError) message = `configuration error: ${err.message}`;
  else if (err instanceof Error) message = err.message;
  else message = String(err);
  process.stderr.write(`pacsync-server: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exitCode = err instanceof ConfigError ? 2 : 1;
}

/** Wraps a commander action so failures follow the one-line rule. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      reportFailure(err);
    }
  };
}

/**
 * Runs fn with the configured database open, printing config warnings first and, once it
 * succeeded, the database it used on stderr; always closes it. Only `create` (serve, migrate) may create a SQLite file:
 * any other command run from the wrong directory would otherwise make an empty database there.
 */
export async function withDatabase<T>(
  config: ServerConfig,
  fn: (db: DatabaseHandle) => Promise<T>,
  opts: { create?: boolean; quiet?: boolean } = {},
): Promise<T> {
  for (const warning of config.warnings) process.stderr.write(`pacsync-server: warning: ${warning}\n`);
  if (config.database.type === 'sqlite' && opts.create !== true && !existsSync(config.database.file)) {
    throw new ConfigError(
      `no database at ${config.database.file}: run "pacsync-server migrate --apply-all" (or serve) ` +
        `first, or point --config / [server] data_dir / PACSYNC_DATA_DIR at the server's data`,
      undefined,
      'database.file',
    );
  }
  const database = await openConfiguredDatabase(config);
  try {
    const out = await fn(database);
    // Which database the command used (stderr: the output stays a table or JSON; an error stays
    // one line and names it already when it is the database's).
    if (opts.quiet !== true) process.stderr.write(`pacsync-server: database: ${database.location}\n`);
    return out;
  } catch (err) {
    if (isConnectionError(err)) throw new Error(`cannot reach database ${database.location}: ${describeDatabaseError(err)}`);
    throw err;
  } finally {
    await database.destroy();
  }
}

/** Refuses (one line) while migrations are pending: the command needs the current schema. */
export async function requireCurrentSchema(database: DatabaseHandle): Promise<void> {
  const pending = await new Migrator(database, await loadMigrations()).pending();
  if (pending.length > 0) {
    throw new Error(
      `database schema is not up to date (pending ${pending.map((m) => m.version).join(', ')}): run "pacsync-server migrate --apply-all" first`,
    );
  }
}

/** Like withDatabase, for commands that need the current schema: refused while migrations are pending. */
export async function withCurrentSchema<T>(
  configFlag: string | undefined,
  fn: (db: DatabaseHandle) => Promise<T>,
  opts: { quiet?: boolean } = {},
): Promise<T> {
  return withDatabase(
    loadCliConfig({ config: configFlag }),
    async (database) => {
      await requireCurrentSchema(database);
      return fn(database);
    },
    opts,
  );
}

/** The audit log's user_id for a command: `cli (<login>)`. */
export function cliActor(): string {
  try {
    return `cli (${userInfo().username})`;
  } catch {
    return 'cli';
  }
}
