// Applies and rolls back migrations, keeping history in schema_migrations (seed: version,
// description, applied_at). Each migration runs in its own transaction together with its history
// row, so a failure leaves nothing of it behind (both engines have transactional DDL). On
// PostgreSQL an advisory lock serialises server instances that start at the same moment.
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DatabaseHandle } from './database.js';
import { ddlTypes } from './dialect.js';
import { type Migration, type MigrationContext, MigrationError } from './migration.js';
import type { Database } from './schema.js';

export interface MigrationStatus {
  version: string;
  description: string;
  applied: boolean;
  /** ISO timestamp, null while pending. */
  applied_at: string | null;
  /** False for a version recorded in the database that this build does not ship. */
  known: boolean;
}

/** Arbitrary constant naming our advisory lock ("pacsync" on a phone keypad). */
const PG_LOCK_KEY = 7227962;

export class Migrator {
  private readonly migrations: readonly Migration[];

  constructor(
    private readonly handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
    migrations: readonly Migration[],
  ) {
    this.migrations = [...migrations].sort((a, b) => Number(a.version) - Number(b.version));
  }

  get known(): readonly Migration[] {
    return this.migrations;
  }

  /** Every known migration (and any unknown applied one), oldest first. */
  async status(): Promise<MigrationStatus[]> {
    const applied = await this.readApplied(this.handle.db);
    const rows: MigrationStatus[] = this.migrations.map((m) => {
      const at = applied.get(m.version);
      return { version: m.version, description: m.description, applied: at !== undefined, applied_at: at ?? null, known: true };
    });
    for (const [version, at] of applied) {
      if (!this.migrations.some((m) => m.version === version)) {
        rows.push({ version, description: '(not in this build)', applied: true, applied_at: at, known: false });
      }
    }
    return rows.sort((a, b) => Number(a.version) - Number(b.version));
  }

  async pending(): Promise<Migration[]> {
    const applied = await this.readApplied(this.handle.db);
    return this.migrations.filter((m) => !applied.has(m.version));
  }

  /** Applies every pending migration in order; returns what it applied. */
  async applyAll(): Promise<Migration[]> {
    const done: Migration[] = [];
    for (;;) {
      // Which one is next decides whether foreign keys go off around its transaction; it is
      // looked up again inside, and one that needs them off is not applied with them on.
      const peeked = (await this.pending())[0];
      const keysOff = this.needsKeysOff(peeked);
      const applied = await this.withForeignKeysOff(keysOff, () =>
        this.inTransaction(async (trx) => {
          const have = await this.readApplied(trx);
          const next = this.migrations.find((m) => !have.has(m.version));
          if (!next) return null;
          if (this.needsKeysOff(next) && !keysOff) return 'again';
          await this.runUp(trx, next);
          return next;
        }),
      );
      if (applied === null) return done;
      if (applied !== 'again') done.push(applied);
    }
  }

  /**
   * Applies exactly `version`. Its predecessors must be applied. Resolves false when it already
   * was (nothing to do), true when applied now.
   */
  async apply(version: string): Promise<boolean> {
    const target = this.migrations.find((m) => m.version === version);
    if (!target) {
      const list = this.migrations.map((m) => m.version).join(', ');
      throw new MigrationError(`unknown migration ${version} (this build has ${list || 'none'})`);
    }
    return this.withForeignKeysOff(this.needsKeysOff(target), () =>
      this.inTransaction(async (trx) => {
        const have = await this.readApplied(trx);
        if (have.has(version)) return false;
        const missing = this.migrations.filter((m) => Number(m.version) < Number(version) && !have.has(m.version));
        if (missing.length > 0) {
          const list = missing.map((m) => m.version).join(', ');
          throw new MigrationError(
            `cannot apply ${version}: earlier migration ${list} not applied (apply ${missing.length > 1 ? 'them' : 'it'} first, or use --apply-all)`,
          );
        }
        await this.runUp(trx, target);
        return true;
      }),
    );
  }

  /** Rolls back the most recently applied migration; resolves to it, or null when none is applied. */
  async rollback(): Promise<Migration | null> {
    return this.inTransaction(async (trx) => {
      const have = await this.readApplied(trx);
      const last = [...have.keys()].sort((a, b) => Number(b) - Number(a))[0];
      if (last === undefined) return null;
      const migration = this.migrations.find((m) => m.version === last);
      if (!migration) throw new MigrationError(`cannot roll back ${last}: this build does not ship that migration`);
      try {
        await migration.down(this.context(trx));
      } catch (err) {
        throw new MigrationError(`rollback of migration ${last} (${migration.description}) failed, nothing was changed: ${oneLine(err)}`);
      }
      await trx.deleteFrom('schema_migrations').where('version', '=', last).execute();
      return migration;
    });
  }

  private async runUp(trx: Transaction<Database>, migration: Migration): Promise<void> {
    try {
      await migration.up(this.context(trx));
    } catch (err) {
      throw new MigrationError(`migration ${migration.version} (${migration.description}) failed, nothing of it was applied: ${oneLine(err)}`);
    }
    if (this.needsKeysOff(migration)) {
      const broken = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) {
        const first = broken.rows[0] as { table: string; parent: string };
        throw new MigrationError(
          `migration ${migration.version} (${migration.description}) failed, nothing of it was applied: ` +
            `${broken.rows.length} row(s) would break a foreign key (first: ${first.table} → ${first.parent})`,
        );
      }
    }
    await trx.insertInto('schema_migrations').values({ version: migration.version, description: migration.description }).execute();
  }

  private needsKeysOff(m: Migration | undefined): boolean {
    return this.handle.dialect === 'sqlite' && m?.sqliteRebuildsTables === true;
  }

  /**
   * Runs `fn` with SQLite's foreign keys off (a pragma that is a no-op inside a transaction, so it
   * is set around it), restoring the setting the connection had.
   */
  private async withForeignKeysOff<T>(off: boolean, fn: () => Promise<T>): Promise<T> {
    if (!off) return fn();
    const before = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(this.handle.db);
    await sql`PRAGMA foreign_keys = OFF`.execute(this.handle.db);
    try {
      return await fn();
    } finally {
      if (before.rows[0]?.foreign_keys === 1) await sql`PRAGMA foreign_keys = ON`.execute(this.handle.db);
    }
  }

  private context(trx: Transaction<Database>): MigrationContext {
    return {
      db: trx,
      dialect: this.handle.dialect,
      t: ddlTypes(this.handle.dialect),
      exec: async (statement) => {
        await sql.raw(statement).execute(trx);
      },
    };
  }

  /** One transaction holding the migration lock, with the history table present. */
  private async inTransaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.handle.db.transaction().execute(async (trx) => {
      if (this.handle.dialect === 'pg') await sql`SELECT pg_advisory_xact_lock(${sql.lit(PG_LOCK_KEY)})`.execute(trx);
      const t = ddlTypes(this.handle.dialect);
      await sql
        .raw(
          `CREATE TABLE IF NOT EXISTS schema_migrations (
    version VARCHAR(50) NOT NULL PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at ${t.timestamptz} DEFAULT ${t.now}
)`,
        )
        .execute(trx);
      return fn(trx);
    });
  }

  /** version → applied_at; empty when the history table does not exist yet (read-only check). */
  private async readApplied(db: Kysely<Database>): Promise<Map<string, string>> {
    if (!(await this.historyExists(db))) return new Map();
    const rows = await db.selectFrom('schema_migrations').select(['version', 'applied_at']).execute();
    return new Map(rows.map((r) => [r.version, r.applied_at]));
  }

  private async historyExists(db: Kysely<Database>): Promise<boolean> {
    const query =
      this.handle.dialect === 'pg'
        ? sql<{
            n: number;
          }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`
        : sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`;
    const { rows } = await query.execute(db);
    return Number(rows[0]?.n ?? 0) > 0;
  }
}

function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+/g, ' ').trim();
}
