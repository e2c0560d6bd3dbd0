// What a migration is, where migrations live, and how `migrate --create` writes a new one.
// A migration is a file src/db/migrations/NNN-slug.ts whose default export is a Migration; the
// migrator finds them by listing that directory (compiled: dist/src/db/migrations/*.js), so a new
// file needs no registration, only `npm run build`.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import type { DdlTypes, Dialect } from './dialect.js';

export interface MigrationContext {
  /**
   * The migration's transaction. `any` on purpose: a migration runs against the schema as it was
   * at its own version, not the current Database type (Kysely's documented advice).
   */
  // A migration must not depend on today's table types (they describe the last migration's
  // result), so it sees an untyped database, as Kysely's migration guide does.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  dialect: Dialect;
  /** Column types per engine: `${t.uuidPk}`, `${t.json}`, `${t.bool}`, `${t.timestamptz}`, `${t.now}`. */
  t: DdlTypes;
  /** Runs ONE SQL statement (SQLite's driver refuses several at once). */
  exec(statement: string): Promise<void>;
}

export interface Migration {
  /** Three digits, "001"; equals the file name's prefix. */
  version: string;
  description: string;
  up(m: MigrationContext): Promise<void>;
  down(m: MigrationContext): Promise<void>;
  /**
   * On SQLite, `up` replaces a table by a new one (SQLite's procedure for a new column layout):
   * the migrator turns foreign keys off around its transaction — dropping a referenced table would
   * otherwise run ON DELETE actions, and a rename rewrite the references — and checks them
   * (PRAGMA foreign_key_check) before committing.
   */
  sqliteRebuildsTables?: boolean;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{3,})-[a-z0-9-]+\.(?:js|ts)$/;

/** The directory this build loads migrations from (src/db/migrations under tsx/vitest). */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

function isMigration(value: unknown): value is Migration {
  if (value === null || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return typeof m.version === 'string' && typeof m.description === 'string' && typeof m.up === 'function' && typeof m.down === 'function';
}

/** Imports every NNN-*.js|ts in `dir`, sorted by version; a malformed file is an error naming it. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = readdirSync(dir)
    .filter((f) => FILE_PATTERN.test(f))
    .sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const prefix = FILE_PATTERN.exec(file)?.[1] ?? '';
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    if (!isMigration(mod.default)) {
      throw new MigrationError(`${file}: default export is not a migration {version, description, up, down}`);
    }
    if (mod.default.version !== prefix) {
      throw new MigrationError(`${file}: version "${mod.default.version}" does not match the file name`);
    }
    if (migrations.some((m) => m.version === prefix)) {
      throw new MigrationError(`${file}: a second migration with version ${prefix}`);
    }
    migrations.push(mod.default);
  }
  return migrations.sort((a, b) => Number(a.version) - Number(b.version));
}

/** "Add user authentication" → "add-user-authentication". */
export function slugify(description: string): string {
  return description
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
}

/**
 * Writes `<dir>/NNN-slug.ts` with an empty up/down, NNN one past the highest version in `dir`.
 * Returns the file path. Refuses a description without any letter or digit.
 */
export function createMigrationFile(dir: string, description: string): string {
  const text = description.trim().replace(/\s+/g, ' ');
  const slug = slugify(text);
  if (!slug) throw new MigrationError('migration description must contain letters or digits');
  if (!existsSync(dir)) throw new MigrationError(`migrations directory ${dir} not found (--create needs a source checkout)`);
  const highest = readdirSync(dir)
    .map((f) => /^(\d{3,})-/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .reduce((max, v) => Math.max(max, Number(v)), 0);
  const version = String(highest + 1).padStart(3, '0');
  const file = path.join(dir, `${version}-${slug}.ts`);
  writeFileSync(file, migrationTemplate(version, text), { flag: 'wx' });
  return file;
}

function migrationTemplate(version: string, description: string): string {
  return `// Migration ${version}: ${description}.
// Created by \`pacsync-server migrate --create\`. Write \`up\` and \`down\` (down undoes up exactly),
// one SQL statement per m.exec() call, engine differences only through m.t:
//   await m.exec(\`ALTER TABLE pools ADD COLUMN notes \${m.t.json} DEFAULT '{}'\`);
// Never drop or change a seed column. Then \`npm run build\` and \`pacsync-server migrate --apply-all\`.
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: ${JSON.stringify(version)},
  description: ${JSON.stringify(description)},
  async up(_m) {},
  async down(_m) {},
};

export default migration;
`;
}
