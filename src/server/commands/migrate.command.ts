// `pacsync-server migrate --apply-all | --apply V | --rollback | --status | --create "description"`
// (the seed's verbs). --create writes src/db/migrations/NNN-slug.ts in this checkout (or --dir)
// and needs no database; the others act on the configured one.
import path from 'node:path';
import type { Command } from 'commander';
import { createMigrationFile, loadMigrations, MigrationError } from '../../db/migration.js';
import { type MigrationStatus, Migrator } from '../../db/migrator.js';
import { PACKAGE_ROOT } from '../version.js';
import { action, addConfigOption, loadCliConfig, withDatabase } from './support.js';

interface MigrateOptions {
  applyAll?: boolean;
  apply?: string;
  rollback?: boolean;
  status?: boolean;
  create?: string;
  dir?: string;
  config?: string;
}

export function formatStatus(rows: readonly MigrationStatus[]): string {
  const lines = ['VERSION  STATE    APPLIED AT                DESCRIPTION'];
  for (const r of rows) {
    const state = r.applied ? 'applied' : 'pending';
    lines.push(`${r.version.padEnd(8)} ${state.padEnd(8)} ${(r.applied_at ?? '-').padEnd(25)} ${r.description}`);
  }
  const applied = rows.filter((r) => r.applied).length;
  lines.push(`${rows.length} migration${rows.length === 1 ? '' : 's'}: ${applied} applied, ${rows.length - applied} pending`);
  return lines.join('\n');
}

function normaliseVersion(v: string): string {
  if (!/^\d{1,6}$/.test(v.trim())) throw new MigrationError(`--apply: "${v}" is not a migration version (e.g. 002)`);
  return v.trim().padStart(3, '0');
}

export function registerMigrateCommand(program: Command): void {
  const cmd = program
    .command('migrate')
    .description('inspect and change the database schema version')
    .option('--apply-all', 'apply every pending migration')
    .option('--apply <version>', 'apply exactly this migration (its predecessors must be applied)')
    .option('--rollback', 'roll back the most recently applied migration')
    .option('--status', 'list every migration as applied (with time) or pending')
    .option('--create <description>', 'write a new empty migration file src/db/migrations/NNN-slug.ts')
    .option('--dir <directory>', 'where --create writes (default: src/db/migrations of this checkout)');
  addConfigOption(cmd).action(
    action(async (opts: MigrateOptions) => {
      const verbs = [opts.applyAll, opts.apply !== undefined, opts.rollback, opts.status, opts.create !== undefined].filter(Boolean).length;
      if (verbs !== 1)
        throw new MigrationError('migrate needs exactly one of --apply-all, --apply <version>, --rollback, --status, --create <description>');

      if (opts.create !== undefined) {
        const dir = path.resolve(opts.dir ?? path.join(PACKAGE_ROOT, 'src', 'db', 'migrations'));
        const file = createMigrationFile(dir, opts.create);
        const version = path.basename(file).slice(0, 3);
        console.log(`created ${file}`);
        console.log(`write its up() and down(), then run "npm run build" and "pacsync-server migrate --apply ${version}"`);
        return;
      }

      const config = loadCliConfig(opts);
      const migrations = await loadMigrations();
      await withDatabase(
        config,
        async (database) => {
          const migrator = new Migrator(database, migrations);
          if (opts.status) {
            console.log(formatStatus(await migrator.status()));
          } else if (opts.applyAll) {
            const applied = await migrator.applyAll();
            for (const m of applied) console.log(`applied ${m.version} ${m.description}`);
            console.log(
              applied.length === 0 ? 'nothing to apply: the database is up to date' : `database is up to date (${migrations.length} migrations)`,
            );
          } else if (opts.apply !== undefined) {
            const version = normaliseVersion(opts.apply);
            const m = migrations.find((x) => x.version === version);
            if (await migrator.apply(version)) console.log(`applied ${version} ${m?.description ?? ''}`.trimEnd());
            else console.log(`${version} is already applied: nothing to do`);
          } else if (opts.rollback) {
            const m = await migrator.rollback();
            console.log(m ? `rolled back ${m.version} ${m.description}` : 'nothing to roll back: no migration is applied');
          }
        },
        { create: opts.applyAll === true || opts.apply !== undefined },
      );
    }),
  );
}
