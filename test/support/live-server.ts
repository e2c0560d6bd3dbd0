// The real server, listening on 127.0.0.1, for end-to-end tests of the agent CLI: the Fastify app
// with the real clock on a fresh test database (either engine), an admin key, and helpers to call
// the API over HTTP as an admin. `stop()` closes the server but keeps its database; `start()`
// listens again on the same port with the same database (an outage the agent must ride out).
//
//   const srv = await startLiveServer('sqlite');
//   const pool = await srv.api('POST', '/pools', { name: 'lab' });
//   await srv.stop(); …; await srv.start();
//   await srv.close();   // stops and deletes the database
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/core/clock.js';
import { type App, buildApp } from '../../src/server/app.js';
import { createAdminKey, testConfig } from './app.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './database.js';

export interface LiveServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  adminKey: string;
  database: TestDatabase;
  /** The running app (null while stopped). */
  app(): App | null;
  /** Calls /api/v1<path> with the admin key (or `key`); resolves to the status and parsed body. */
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
  ): Promise<{ status: number; body: { success: boolean; data: T; error?: { code: string; message: string } } }>;
  /** Like api() but throws unless 2xx; returns `data`. */
  ok<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveServer(dialect: TestDialect, options: { env?: Record<string, string> } = {}): Promise<LiveServer> {
  const database = await createTestDatabase(dialect);
  const config = testConfig({ ...database.env, PACSYNC_SECURITY_API_RATE_LIMIT: '0', ...options.env });
  let app: App | null = null;
  let port = 0;
  let adminKey = '';

  const start = async (): Promise<void> => {
    const a = await buildApp({ database: database.handle, config, clock: systemClock, logger: false });
    await a.ready();
    if (adminKey === '') adminKey = await createAdminKey(a);
    await a.listen({ host: '127.0.0.1', port });
    port = (a.server.address() as AddressInfo).port;
    app = a;
  };
  await start();

  const server: LiveServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    adminKey,
    database,
    app: () => app,
    async api(method, path, body, key) {
      const headers: Record<string, string> = {};
      const k = key === undefined ? adminKey : key;
      if (k !== null) headers.authorization = `Bearer ${k}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    async ok(method, path, body) {
      const res = await server.api(method, path, body);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data;
    },
    async stop() {
      const a = app;
      app = null;
      if (a) await a.close();
    },
    start,
    async close() {
      await server.stop();
      await database.destroy();
    },
  };
  return server;
}
