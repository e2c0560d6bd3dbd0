// The one place that knows the two engines differ. Repositories write the same Kysely code for
// PostgreSQL and SQLite and see the same JavaScript values:
//
//   value              repository writes         PostgreSQL stores      SQLite stores
//   id (UUID)          newId()                   UUID                   TEXT
//   JSON column        a plain object/array      JSONB                  TEXT (JSON)
//   boolean            true / false              BOOLEAN                INTEGER 0/1
//   timestamp          Date or ISO string        TIMESTAMPTZ            TEXT ISO-8601 UTC
//
// and reads back: JSON parsed, booleans as booleans, timestamps as ISO strings with milliseconds
// ("2024-01-15T10:30:00.000Z", which also sort correctly as text on SQLite), COUNT(*) and other
// BIGINTs as numbers. The conversion is ValueMappingPlugin (installed on every Kysely instance by
// openDatabase) plus pg type parsers set per pool (pgTypeParsers). Migrations use ddlTypes().
import { randomUUID } from 'node:crypto';
import type {
  DefaultInsertValueNode,
  LimitNode,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  PrimitiveValueListNode,
  QueryResult,
  RootOperationNode,
  UnknownRow,
  ValueNode,
} from 'kysely';
import { OperationNodeTransformer, ValueNode as ValueNodes } from 'kysely';
import pg from 'pg';
import { BOOLEAN_COLUMNS, JSON_COLUMNS } from './schema.js';

export type Dialect = 'sqlite' | 'pg';

/** A new primary key. The same code path on both engines (SQLite has no UUID generator). */
export function newId(): string {
  return randomUUID();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** JS value → driver parameter. */
function toParameter(value: unknown, dialect: Dialect): unknown {
  if (value instanceof Date) return value.toISOString();
  // Arrays are JSON too (a JSON column may hold one); use `in` lists, never array parameters.
  if (isPlainObject(value) || Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'boolean' && dialect === 'sqlite') return value ? 1 : 0;
  return value;
}

class ParameterTransformer extends OperationNodeTransformer {
  constructor(private readonly dialect: Dialect) {
    super();
  }

  protected override transformValue(node: ValueNode): ValueNode {
    const value = toParameter(node.value, this.dialect);
    return value === node.value ? node : { ...node, value };
  }

  // A multi-row insert whose rows name different columns makes Kysely fill the gaps with DEFAULT,
  // which SQLite lacks (Kysely writes NULL there, silently losing the column default). Refused on
  // both engines so the mistake shows wherever a test runs: give every row the same columns.
  protected override transformDefaultInsertValue(): DefaultInsertValueNode {
    throw new Error('multi-row insert with rows that name different columns: give every row the same columns (SQLite has no DEFAULT in VALUES)');
  }

  // A LIMIT is written into the SQL text rather than bound: SQLite ran `… ORDER BY … LIMIT ?`
  // several times slower than the same query with `LIMIT 10` (an endpoint's recent operations:
  // 18 µs against 4, on every status read). Limits are a few page sizes, so the statement cache
  // holds few variants; only a non-negative safe integer is inlined (Kysely's own immediate value).
  protected override transformLimit(node: LimitNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): LimitNode {
    const out = super.transformLimit(node, queryId);
    const limit = out.limit as ValueNode;
    if (limit.kind === 'ValueNode' && typeof limit.value === 'number' && Number.isSafeInteger(limit.value) && limit.value >= 0) {
      return { ...out, limit: ValueNodes.createImmediate(limit.value) };
    }
    return out;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map((v) => toParameter(v, this.dialect)) };
  }
}

function mapSqliteRow(row: UnknownRow): UnknownRow {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (typeof value === 'string' && JSON_COLUMNS.has(key)) {
      row[key] = JSON.parse(value) as unknown;
    } else if (typeof value === 'number' && BOOLEAN_COLUMNS.has(key)) {
      row[key] = value !== 0;
    }
  }
  return row;
}

/** Converts parameters on the way in (both engines) and SQLite's JSON/boolean text on the way out. */
export class ValueMappingPlugin implements KyselyPlugin {
  private readonly transformer: ParameterTransformer;

  constructor(private readonly dialect: Dialect) {
    this.transformer = new ParameterTransformer(dialect);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // PostgreSQL already returns JSONB parsed and BOOLEAN as boolean; timestamps and BIGINT are
    // handled by the pool's type parsers, so only SQLite rows need work.
    if (this.dialect === 'sqlite') args.result.rows.forEach(mapSqliteRow);
    return args.result;
  }
}

const PG_OID = { int8: 20, timestamp: 1114, timestamptz: 1184 } as const;

/** pg's own timestamp parsing (any session time zone, BC dates), then our ISO form. */
function isoFrom(parse: (value: string) => unknown): (value: string) => unknown {
  return (value) => {
    const parsed = parse(value);
    // ±infinity stay as pg gives them (never written by this product).
    return parsed instanceof Date && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : parsed;
  };
}

const parseTimestamptz = isoFrom(pg.types.getTypeParser(PG_OID.timestamptz, 'text') as (value: string) => unknown);

/** Type parsers for one pg pool (not pg's global registry, so other pg users are unaffected). */
export const pgTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (format !== 'binary') {
      if (oid === PG_OID.timestamptz) return parseTimestamptz;
      // TIMESTAMP WITHOUT TIME ZONE holds UTC by our convention (the schema has none).
      if (oid === PG_OID.timestamp) return (v: string) => parseTimestamptz(`${v}+00`);
      // COUNT(*) and SUM() are BIGINT; counts in this product fit a double exactly.
      if (oid === PG_OID.int8) return (v: string) => Number(v);
    }
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

/** Column type and default spellings for DDL in migrations (README "Architecture": Writing a repository). */
export interface DdlTypes {
  /** UUID primary key: PostgreSQL keeps the seed's DEFAULT gen_random_uuid(); the app supplies ids. */
  uuidPk: string;
  uuid: string;
  json: string;
  bool: string;
  true: string;
  false: string;
  timestamptz: string;
  /** DEFAULT expression for "now" in the engine's timestamp representation. */
  now: string;
}

export function ddlTypes(dialect: Dialect): DdlTypes {
  return dialect === 'pg'
    ? {
        uuidPk: 'UUID PRIMARY KEY DEFAULT gen_random_uuid()',
        uuid: 'UUID',
        json: 'JSONB',
        bool: 'BOOLEAN',
        true: 'TRUE',
        false: 'FALSE',
        timestamptz: 'TIMESTAMP WITH TIME ZONE',
        now: 'NOW()',
      }
    : {
        // NOT NULL spelled out: SQLite lets a non-INTEGER primary key hold NULL otherwise.
        uuidPk: 'TEXT NOT NULL PRIMARY KEY',
        uuid: 'TEXT',
        json: 'TEXT',
        bool: 'INTEGER',
        true: '1',
        false: '0',
        timestamptz: 'TEXT',
        now: "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
      };
}
