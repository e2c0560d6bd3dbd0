// Reads a database's actual schema from the engine's own catalogue (PostgreSQL: information_schema,
// pg_constraint, pg_index; SQLite: pragma table_info / foreign_key_list / index_list /
// index_xinfo and sqlite_master) into one engine-neutral shape, so tests can compare what the
// migrations built against a fixture written by hand.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.js';

export interface ColumnInfo {
  name: string;
  /** As the engine reports it, lower case: "uuid", "character varying(255)", "text", "integer"… */
  type: string;
  notNull: boolean;
  /** Default expression with casts removed, lower case (e.g. "'{}'", "now()", "false"); null if none. */
  default: string | null;
  primaryKey: boolean;
  /** A single-column UNIQUE constraint on this column. */
  unique: boolean;
}

export interface ForeignKeyInfo {
  column: string;
  /** "pools(id)" */
  references: string;
  /** "CASCADE", "SET NULL", "NO ACTION", "RESTRICT", "SET DEFAULT" */
  onDelete: string;
}

export interface IndexInfo {
  name: string;
  /** Column names; "started_at DESC" for a descending column. */
  columns: string[];
  unique: boolean;
  /** Partial index predicate, lower case, outer parentheses removed; null if not partial. */
  where: string | null;
}

export interface TableInfo {
  columns: ColumnInfo[];
  foreignKeys: ForeignKeyInfo[];
  /** Named indexes (CREATE INDEX), not those that implement PRIMARY KEY/UNIQUE constraints. */
  indexes: IndexInfo[];
}

export type SchemaInfo = Record<string, TableInfo>;

/** True when the '(' at the start of `v` is closed by the ')' at its end, e.g. "(a = b)" but not "(a)::text = any (b)". */
function wrappedInParens(v: string): boolean {
  if (!v.startsWith('(') || !v.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '(') depth++;
    else if (v[i] === ')') depth--;
    if (depth === 0) return i === v.length - 1;
  }
  return false;
}

function stripOuterParens(value: string): string {
  let v = value.trim();
  while (wrappedInParens(v)) v = v.slice(1, -1).trim();
  return v;
}

function normaliseDefault(value: string | null): string | null {
  if (value === null) return null;
  return stripOuterParens(value)
    .replace(/::[a-z ]+(\([0-9]+\))?/gi, '')
    .toLowerCase();
}

function normalisePredicate(value: string): string {
  return stripOuterParens(value).replace(/\s+/g, ' ').toLowerCase();
}

export async function introspect(handle: DatabaseHandle): Promise<SchemaInfo> {
  return handle.dialect === 'pg' ? introspectPg(handle) : introspectSqlite(handle);
}

async function introspectPg({ db }: DatabaseHandle): Promise<SchemaInfo> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const out: SchemaInfo = {};
  for (const { table_name: table } of tables.rows) {
    const cols = await sql<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
      column_default: string | null;
    }>`
      SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}
      ORDER BY ordinal_position`.execute(db);
    const constraints = await sql<{ contype: string; columns: string[]; ftable: string | null; fcolumns: string[] | null; confdeltype: string }>`
      SELECT c.contype::text AS contype,
             ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) AS columns,
             c.confrelid::regclass::text AS ftable,
             ARRAY(SELECT a.attname::text FROM unnest(c.confkey) k JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k) AS fcolumns,
             c.confdeltype::text AS confdeltype
      FROM pg_constraint c WHERE c.conrelid = ${table}::regclass`.execute(db);
    const indexes = await sql<{ name: string; unique: boolean; predicate: string | null; columns: string[]; descs: boolean[] }>`
      SELECT ic.relname AS name, i.indisunique AS unique, pg_get_expr(i.indpred, i.indrelid) AS predicate,
             ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k) AS columns,
             ARRAY(SELECT (i.indoption[k - 1] & 1) = 1 FROM generate_series(1, i.indnkeyatts) k ORDER BY k) AS descs
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid = ${table}::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))
      ORDER BY ic.relname`.execute(db);

    const pk = new Set(constraints.rows.filter((c) => c.contype === 'p').flatMap((c) => c.columns));
    const unique = new Set(constraints.rows.filter((c) => c.contype === 'u' && c.columns.length === 1).flatMap((c) => c.columns));
    const onDelete: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
    out[table] = {
      columns: cols.rows.map((c) => ({
        name: c.column_name,
        type: c.character_maximum_length ? `${c.data_type}(${c.character_maximum_length})` : c.data_type,
        notNull: c.is_nullable === 'NO',
        default: normaliseDefault(c.column_default),
        primaryKey: pk.has(c.column_name),
        unique: unique.has(c.column_name),
      })),
      foreignKeys: constraints.rows
        .filter((c) => c.contype === 'f')
        .map((c) => ({
          column: c.columns.join(','),
          references: `${c.ftable}(${(c.fcolumns ?? []).join(',')})`,
          onDelete: onDelete[c.confdeltype] ?? c.confdeltype,
        })),
      indexes: indexes.rows.map((i) => ({
        name: i.name,
        columns: i.columns.map((col, k) => (i.descs[k] ? `${col} DESC` : col)),
        unique: i.unique,
        where: i.predicate === null ? null : normalisePredicate(i.predicate),
      })),
    };
  }
  return out;
}

async function introspectSqlite({ db }: DatabaseHandle): Promise<SchemaInfo> {
  const tables = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const out: SchemaInfo = {};
  for (const { name: table } of tables.rows) {
    const cols = await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`
      SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(${table})`.execute(db);
    const fks = await sql<{ from: string; table: string; to: string; on_delete: string }>`
      SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list(${table})`.execute(db);
    const list = await sql<{ name: string; unique: number; origin: string; partial: number }>`
      SELECT name, "unique", origin, partial FROM pragma_index_list(${table})`.execute(db);

    const unique = new Set<string>();
    const indexes: IndexInfo[] = [];
    for (const idx of list.rows) {
      const keys = await sql<{ name: string; desc: number }>`
        SELECT name, "desc" FROM pragma_index_xinfo(${idx.name}) WHERE key = 1 ORDER BY seqno`.execute(db);
      const columns = keys.rows.map((k) => (k.desc ? `${k.name} DESC` : k.name));
      if (idx.origin === 'u') {
        if (columns.length === 1 && columns[0]) unique.add(columns[0]);
        continue;
      }
      if (idx.origin === 'pk') continue;
      let where: string | null = null;
      if (idx.partial) {
        const def = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ${idx.name}`.execute(db);
        const text = def.rows[0]?.sql ?? '';
        const at = text.search(/\bWHERE\b/i);
        where = at >= 0 ? normalisePredicate(text.slice(at + 5)) : null;
      }
      indexes.push({ name: idx.name, columns, unique: idx.unique === 1, where });
    }
    out[table] = {
      columns: cols.rows.map((c) => ({
        name: c.name,
        type: c.type.toLowerCase(),
        notNull: c.notnull === 1,
        default: normaliseDefault(c.dflt_value),
        primaryKey: c.pk > 0,
        unique: unique.has(c.name),
      })),
      foreignKeys: fks.rows.map((f) => ({ column: f.from, references: `${f.table}(${f.to})`, onDelete: f.on_delete })),
      indexes: indexes.sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
  return out;
}
