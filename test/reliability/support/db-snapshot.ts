// Row count and checksum of every table of a test database (either engine), to prove a refused
// request wrote nothing: not only the tables a test thought of, every table the migrations made.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.js';
import type { TestDialect } from '../../support/database.js';

export type Snapshot = Record<string, { rows: number; checksum: string }>;

export async function tableNames(db: Kysely<Database>, dialect: TestDialect): Promise<string[]> {
  const q =
    dialect === 'pg'
      ? sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`
      : sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`;
  return (await q.execute(db)).rows.map((r) => r.name);
}

/** JSON with object keys sorted, so equal rows give equal text whatever the column order. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Buffer.isBuffer(v)) return JSON.stringify(v.toString('base64'));
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

export async function snapshot(db: Kysely<Database>, tables: readonly string[]): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    const lines = rows.map(canonical).sort();
    out[table] = { rows: rows.length, checksum: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16) };
  }
  return out;
}

/** The tables whose count or checksum differ, e.g. `pools (rows 3 → 4)`. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [t, a] of Object.entries(after)) {
    const b = before[t];
    if (!b) out.push(`${t} (new)`);
    else if (b.rows !== a.rows) out.push(`${t} (rows ${b.rows} → ${a.rows})`);
    else if (b.checksum !== a.checksum) out.push(`${t} (content)`);
  }
  return out;
}
