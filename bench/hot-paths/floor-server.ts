// The FLOOR of the hot-path benchmarks (issue #17): the least work each path could ever do on this
// machine, in its own process like the real server — a bare Fastify app (same framework, same
// JSON body parser) on the same engine with the server's SQLite settings, no validation, no
// authentication, no logic. Writes parse the body and store the same bytes in one statement;
// reads serve the same bytes (copied from the real server's answers) by primary key.
//
//   node --import tsx bench/hot-paths/floor-server.ts sqlite FILE | postgres URL
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { configureSqlite } from '../../src/db/database.js';

const [engine, target] = process.argv.slice(2);
if ((engine !== 'sqlite' && engine !== 'postgres') || !target) throw new Error('usage: floor-server.ts sqlite FILE | postgres URL');

const DDL = [
  'CREATE TABLE IF NOT EXISTS floor_states (id TEXT PRIMARY KEY, endpoint_id TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS floor_endpoints (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, last_seen TEXT)',
  'CREATE TABLE IF NOT EXISTS floor_rows (id TEXT PRIMARY KEY, data TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS floor_drift (id TEXT PRIMARY KEY, data TEXT NOT NULL)',
];

/** One statement with `?` placeholders, on either engine; answers the rows. */
type Exec = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

async function open(): Promise<Exec> {
  if (engine === 'sqlite') {
    const conn = new Database(target as string);
    configureSqlite(conn);
    const cache = new Map<string, Database.Statement>();
    return async (sql, params) => {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = conn.prepare(sql)));
      return st.reader ? (st.all(...params) as Record<string, unknown>[]) : (st.run(...params), []);
    };
  }
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  return async (sql, params) => {
    let n = 0;
    return (
      await pool.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as Record<string, unknown>[];
  };
}

const exec = await open();
for (const d of DDL) await exec(d, []);
let seq = 0;
const newId = () => `${process.pid}-${Date.now()}-${++seq}`;

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });

// Full state report: parse, serialise again, insert whole — the naive floor of the issue.
app.post<{ Params: { id: string } }>('/floor/state/:id', async (req) => {
  const id = newId();
  await exec('INSERT INTO floor_states (id, endpoint_id, data, created_at) VALUES (?, ?, ?, ?)', [
    id,
    req.params.id,
    JSON.stringify(req.body),
    new Date().toISOString(),
  ]);
  return { success: true, data: { state_id: id, changed: true } };
});

// Unchanged report: the hash compared and last_seen written, one statement.
app.post<{ Params: { id: string }; Body: { content_hash: string } }>('/floor/hash/:id', async (req) => {
  await exec('UPDATE floor_endpoints SET last_seen = ? WHERE id = ? AND content_hash = ?', [
    new Date().toISOString(),
    req.params.id,
    req.body.content_hash,
  ]);
  return { success: true, data: { changed: false } };
});

// Set-up: rows to serve (the real server's answers) and endpoints with their hashes.
app.put<{ Body: { rows?: { id: string; data: string }[]; endpoints?: { id: string; content_hash: string }[] } }>('/floor/setup', async (req) => {
  for (const r of req.body.rows ?? [])
    await exec('INSERT INTO floor_rows (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data', [r.id, r.data]);
  for (const e of req.body.endpoints ?? [])
    await exec('INSERT INTO floor_endpoints (id, content_hash) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash', [
      e.id,
      e.content_hash,
    ]);
  return { success: true };
});

// A read: the same bytes by primary key.
app.get<{ Params: { id: string } }>('/floor/rows/:id', async (req, reply) => {
  const row = (await exec('SELECT data FROM floor_rows WHERE id = ?', [req.params.id]))[0];
  return reply.type('application/json').send(row?.data as string);
});

// A page: the same rows by primary key, in one envelope.
app.get<{ Querystring: { ids: string; total?: string } }>('/floor/page', async (req, reply) => {
  const ids = req.query.ids.split(',');
  const rows = await exec(`SELECT id, data FROM floor_rows WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  const byId = new Map(rows.map((r) => [r.id as string, r.data as string]));
  return reply
    .type('application/json')
    .send(`{"success":true,"data":{"items":[${ids.map((i) => byId.get(i)).join(',')}],"total":${Number(req.query.total ?? ids.length)}}}`);
});

// Set-latest: read the member's state by primary key, write it as the target and every member's
// drift summary (the same bytes the server stores), one statement each.
app.post<{ Body: { state_row: string; summaries: string[] } }>('/floor/set-latest', async (req) => {
  const state = (await exec('SELECT data FROM floor_rows WHERE id = ?', [req.body.state_row]))[0]?.data as string;
  const target = newId();
  await exec('INSERT INTO floor_states (id, endpoint_id, data, created_at) VALUES (?, ?, ?, ?)', [target, 'pool', state, new Date().toISOString()]);
  const s = req.body.summaries;
  await exec(
    `INSERT INTO floor_drift (id, data) VALUES ${s.map(() => '(?, ?)').join(',')}`,
    s.flatMap((d, i) => [`${target}-${i}`, d]),
  );
  return { success: true, data: { state_id: target } };
});

// Reads of several rows (repository analysis: every member's repositories; diff: two states).
app.get<{ Querystring: { ids: string } }>('/floor/read', async (req) => {
  const ids = req.query.ids.split(',');
  const rows = await exec(`SELECT data FROM floor_rows WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  return { success: true, data: { rows: rows.length, bytes: rows.reduce((n, r) => n + (r.data as string).length, 0) } };
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`floor listening on ${url}`);
