// Builds the migrated templates once per test run (called from global-setup.ts): a PostgreSQL
// database every test database is created from (CREATE DATABASE … TEMPLATE), and a SQLite file
// every SQLite test database is a copy of. Copying is much faster than migrating each time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { loadMigrations } from '../../src/db/migration.js';
import { Migrator } from '../../src/db/migrator.js';

/** URL of database `name` on the cluster of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface Templates {
  pgTemplate: string;
  sqliteTemplate: string;
  remove(): Promise<void>;
}

export async function prepareTemplates(adminUrl: string): Promise<Templates> {
  const migrations = await loadMigrations();

  // One name per run, so two runs against one external cluster do not collide.
  const pgTemplate = `pacsync_template_${process.pid}`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(pgTemplate)}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(pgTemplate)}`);
  const pgHandle = openDatabase({ dialect: 'pg', url: databaseUrl(adminUrl, pgTemplate), poolMax: 1 });
  try {
    await new Migrator(pgHandle, migrations).applyAll();
  } finally {
    // No connection may remain: CREATE DATABASE … TEMPLATE refuses a template in use.
    await pgHandle.destroy();
  }
  // And none may come: not a stray client, not autovacuum (it skips a database that allows no
  // connections), so the many CREATE DATABASE … TEMPLATE of a run never find it in use.
  await adminQuery(adminUrl, `ALTER DATABASE ${quoteIdent(pgTemplate)} ALLOW_CONNECTIONS false`);

  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-test-sqlite-template-'));
  const sqliteTemplate = path.join(dir, 'template.db');
  const sqliteHandle = openDatabase({ dialect: 'sqlite', file: sqliteTemplate });
  try {
    await new Migrator(sqliteHandle, migrations).applyAll();
  } finally {
    await sqliteHandle.destroy(); // closing checkpoints the WAL into the file
  }

  return {
    pgTemplate,
    sqliteTemplate,
    async remove() {
      rmSync(dir, { recursive: true, force: true });
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(pgTemplate)} WITH (FORCE)`);
    },
  };
}
