// `pacsync-server serve`: open the database, bring its schema up to date (or refuse), build the
// app, listen, and shut down gracefully on SIGTERM/SIGINT (in-flight requests finish, then the
// connection pool closes).
import { closeSync, openSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { systemClock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import type { DatabaseHandle } from '../db/database.js';
import { describeDatabaseError, isDatabaseError } from '../db/errors.js';
import { loadMigrations } from '../db/migration.js';
import { Migrator } from '../db/migrator.js';
import { type App, buildApp, instanceName } from './app.js';
import type { ServerConfig } from './config.js';
import { lockSqliteDatabase } from './instance-lock.js';
import { StartupError, openConfiguredDatabase } from './open-database.js';

export { StartupError };

export interface RunningServer {
  app: App;
  database: DatabaseHandle;
  /** The URL to reach the server, e.g. http://localhost:8080. */
  url: string;
  close(): Promise<void>;
}

function loggerFor(config: ServerConfig): FastifyServerOptions['logger'] {
  const file = config.logging.file;
  // Every line names its instance, so the logs of several instances can be told apart.
  const base = { pid: process.pid, hostname: hostname(), instance: instanceName(config) };
  if (!file) return { level: config.logging.level, base };
  // pino opens the file asynchronously and would crash with a stack trace; check it first.
  try {
    closeSync(openSync(file, 'a'));
  } catch (err) {
    throw new StartupError(`cannot open log file ${file} (logging.file): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { level: config.logging.level, file, base };
}

/** Brings the schema up to date (auto_migrate) or refuses to start with the pending versions. */
async function prepareSchema(database: DatabaseHandle, config: ServerConfig, log: (msg: string) => void): Promise<void> {
  const migrator = new Migrator(database, await loadMigrations());
  let pending;
  try {
    pending = await migrator.pending();
  } catch (err) {
    if (isDatabaseError(err)) throw new StartupError(`cannot reach database ${database.location}: ${describeDatabaseError(err)}`);
    throw err;
  }
  if (pending.length === 0) return;
  const versions = pending.map((m) => m.version).join(', ');
  if (!config.server.auto_migrate) {
    throw new StartupError(`database needs migration ${versions}; run "pacsync-server migrate --apply-all" or set [server] auto_migrate = true`);
  }
  for (const m of await migrator.applyAll()) log(`applied migration ${m.version} (${m.description})`);
}

export interface StartOptions {
  /** Where start-up lines go (standard output). */
  print?: (line: string) => void;
  /** Whether standard output is a terminal (default: process.stdout.isTTY): only then is a generated admin key shown. */
  terminal?: boolean;
}

/** The file in the data directory that receives the admin key generated at first start. */
export const ADMIN_KEY_FILE = 'admin-key';

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const terminal = options.terminal ?? process.stdout.isTTY === true;
  for (const warning of config.warnings) console.error(`pacsync-server: warning: ${warning}`);

  const logger = loggerFor(config);
  let unlock = () => {};
  if (config.database.type === 'sqlite') {
    await mkdir(path.dirname(config.database.file), { recursive: true });
    unlock = lockSqliteDatabase(config.database.file);
  }
  let database: DatabaseHandle;
  let app: App;
  try {
    database = await openConfiguredDatabase(config);
  } catch (err) {
    unlock();
    throw err;
  }
  try {
    await prepareSchema(database, config, print);
    app = await buildApp({ database, config, clock: systemClock, logger });
    await bootstrapAdminKey(app, config, print, terminal);
  } catch (err) {
    await database.destroy();
    unlock();
    throw err;
  }
  app.addHook('onClose', async () => {
    await database.destroy();
    unlock();
  });

  const { host, port } = config.server;
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'address already in use'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EADDRNOTAVAIL'
            ? 'address not available'
            : (err as Error).message;
    throw new StartupError(`cannot listen on ${host}:${port}: ${why}`);
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const scheme = config.security.tls_cert ? 'https' : 'http';
  const wildcard = host === '0.0.0.0' || host === '::';
  const shownHost = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `${scheme}://${shownHost}:${actualPort}`;
  const where = database.dialect === 'sqlite' ? `SQLite ${database.location}` : `PostgreSQL ${database.location}`;
  print(`pacsync-server listening on ${url}${wildcard ? ' (all interfaces)' : ''}, database: ${where}`);
  // After listening: a job's first run (a tick missed while the server was down) never delays start-up.
  app.deps.jobs.start();
  return { app, database, url, close: () => app.close() };
}

/**
 * First start: without a usable admin key, PACSYNC_ADMIN_KEY becomes one, or a new key is
 * generated and written to <data_dir>/admin-key (mode 0600) before it is committed. Standard
 * output (the journal under systemd, where JSON logs go without a log file) gets the file's path;
 * the key itself only when standard output is a terminal. Later starts do nothing.
 */
async function bootstrapAdminKey(app: App, config: ServerConfig, print: (line: string) => void, terminal: boolean): Promise<void> {
  const file = path.join(config.server.data_dir, ADMIN_KEY_FILE);
  let boot;
  try {
    boot = await app.deps.services.apiKeys.ensureAdminKey(config.admin_key ?? undefined, (key) => writeSecretFile(file, `${key}\n`));
  } catch (err) {
    await app.close();
    if (err instanceof DomainError) throw new StartupError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new StartupError(`cannot write the first admin key to ${file}: ${code}`);
    throw err;
  }
  if (!boot.created) return;
  if (boot.source === 'config') {
    print(`no admin key existed: PACSYNC_ADMIN_KEY is now the admin key (id ${boot.keyId})`);
    return;
  }
  print(`no admin key existed: generated one (id ${boot.keyId}) and wrote it to ${file} (mode 0600)`);
  if (terminal) {
    print('It is shown here ONCE; store it, then delete the file:');
    print(`  ${boot.key}`);
  }
  print('(create more with "pacsync-server keys create --role admin --name NAME")');
}

/** Writes `text` to `file` readable by its owner only, whole or not at all (temporary file, rename). */
async function writeSecretFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await rm(tmp, { force: true });
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

/** Closes the server on the first SIGTERM/SIGINT; a second signal exits at once. */
export function closeOnSignals(server: RunningServer, print: (line: string) => void = (l) => console.log(l)): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    print(`pacsync-server: ${signal} received, finishing requests and shutting down`);
    server.close().then(
      () => {
        print('pacsync-server: stopped');
        process.exitCode = 0;
      },
      (err: unknown) => {
        console.error(`pacsync-server: error while shutting down: ${(err as Error).message}`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
