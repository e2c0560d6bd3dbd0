// Real databases for tests, on both engines. Write every database test as
//
//   describe.each(DIALECTS)('%s', (dialect) => {
//     let t: TestDatabase;
//     beforeEach(async () => { t = await createTestDatabase(dialect); });
//     afterEach(() => t.destroy());
//     it('…', async () => { await t.db.insertInto('pools')… });
//   });
//
// Each call gives a fresh, fully migrated database of its own (PostgreSQL: CREATE DATABASE from
// the migrated template built in global-setup.ts; SQLite: a copy of the migrated template file),
// or an empty one with { migrated: false }.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { adminQuery, databaseUrl, quoteIdent } from './database-templates.js';

const ALL_DIALECTS = ['sqlite', 'pg'] as const;
export type TestDialect = (typeof ALL_DIALECTS)[number];

/**
 * The engines database tests run on: both, or those named by `DIALECTS` (`DIALECTS=sqlite npm
 * test` for a quick local run; `pg`, `postgres` and `postgresql` name PostgreSQL). CI runs both:
 * under CI=true a narrower list is refused rather than silently testing less.
 */
export function selectDialects(value: string | undefined, ci = process.env.CI === 'true'): readonly TestDialect[] {
  if (value === undefined || value.trim() === '') return ALL_DIALECTS;
  const names: Record<string, TestDialect> = { sqlite: 'sqlite', pg: 'pg', postgres: 'pg', postgresql: 'pg' };
  const chosen = new Set<TestDialect>();
  for (const word of value.split(/[\s,]+/).filter((w) => w !== '')) {
    const d = names[word.toLowerCase()];
    if (d === undefined) throw new Error(`DIALECTS: '${word}' is not an engine (sqlite, pg)`);
    chosen.add(d);
  }
  const out = ALL_DIALECTS.filter((d) => chosen.has(d));
  if (out.length === 0) throw new Error(`DIALECTS=${value}: names no engine (sqlite, pg)`);
  if (ci && out.length < ALL_DIALECTS.length) throw new Error(`DIALECTS=${value}: CI runs every database test on both engines; unset DIALECTS`);
  return out;
}

export const DIALECTS = selectDialects(process.env.DIALECTS);

export interface TestDatabase {
  dialect: TestDialect;
  /** The handle the server would use (ping, destroy, location). */
  handle: DatabaseHandle;
  db: Kysely<Database>;
  /** PostgreSQL URL of this database (pg only). */
  url: string | null;
  /** SQLite file of this database (sqlite only). */
  file: string | null;
  /** Environment that points a spawned `pacsync-server` at this database. */
  env: Record<string, string>;
  /** Closes the connections and deletes the database. */
  destroy(): Promise<void>;
}

let counter = 0;

function uniqueName(): string {
  counter += 1;
  return `pacsync_t_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * CREATE DATABASE … TEMPLATE, again after a pause when PostgreSQL answers that the template is in
 * use (55006): it checks for other sessions on the template for a few seconds only, and on a
 * loaded machine a session closing elsewhere (template0 is shared by every unmigrated database)
 * can take longer. A failed hook skips a whole describe block, so one such moment must not.
 */
async function createFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export async function createTestDatabase(dialect: TestDialect, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (dialect === 'pg') {
    const adminUrl = inject('pgAdminUrl');
    const name = uniqueName();
    const template = migrated ? inject('pgTemplate') : 'template0';
    await createFromTemplate(adminUrl, name, template);
    const url = databaseUrl(adminUrl, name);
    const handle = openDatabase({ dialect: 'pg', url, poolMax: 5 });
    return {
      dialect,
      handle,
      db: handle.db,
      url,
      file: null,
      env: { DATABASE_URL: url },
      async destroy() {
        await handle.destroy();
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-test-sqlite-'));
  const file = path.join(dir, 'pacsync.db');
  if (migrated) copyFileSync(inject('sqliteTemplate'), file);
  const handle = openDatabase({ dialect: 'sqlite', file });
  return {
    dialect,
    handle,
    db: handle.db,
    url: null,
    file,
    env: { PACSYNC_DATABASE_TYPE: 'sqlite', PACSYNC_DATABASE_FILE: file },
    async destroy() {
      await handle.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
