// `pacsync-server db backup --out FILE` and `db restore FILE [--force]` (src/db/backup.ts does the
// engine's work). A restore prints the restored schema's migration status: a backup made by an
// older version is brought up with `migrate --apply-all` (or by `serve` at start).
import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../db/backup.js';
import { loadMigrations } from '../../db/migration.js';
import { Migrator } from '../../db/migrator.js';
import { databaseOptions } from '../open-database.js';
import { formatStatus } from './migrate.command.js';
import { action, addConfigOption, loadCliConfig, withDatabase } from './support.js';

const FORMAT_NAME = { pg: 'PostgreSQL custom-format dump', sqlite: 'SQLite database' } as const;

export function registerDbBackupCommands(db: Command): void {
  addConfigOption(
    db
      .command('backup')
      .description(
        'write a backup of the database: PostgreSQL through pg_dump --format=custom, ' +
          'SQLite through its online backup API (safe while the server runs)',
      )
      .requiredOption('--out <file>', 'the backup file to write (replaced only once the new backup is complete)'),
  ).action(
    action(async (opts: { out: string; config?: string }) => {
      const config = loadCliConfig(opts);
      const written = await withDatabase(config, () => backupDatabase(databaseOptions(config), opts.out));
      console.log(`backup written to ${opts.out} (${FORMAT_NAME[written.format]}, ${written.bytes} bytes)`);
    }),
  );

  addConfigOption(
    db
      .command('restore')
      .description(
        'restore a backup into the configured database; refuses a non-empty database without ' +
          '--force and leaves the database as it was when the restore fails (stop the server first)',
      )
      .argument('<file>', 'a backup written by "db backup"')
      .option('--force', 'replace the contents of a database that is not empty'),
  ).action(
    action(async (file: string, opts: { force?: boolean; config?: string }) => {
      const config = loadCliConfig(opts);
      for (const warning of config.warnings) process.stderr.write(`pacsync-server: warning: ${warning}\n`);
      await restoreDatabase(databaseOptions(config), file, { force: opts.force === true });
      const status = await withDatabase({ ...config, warnings: [] }, async (database) => {
        console.log(`restored ${file} into ${database.location}`);
        return new Migrator(database, await loadMigrations()).status();
      });
      console.log(formatStatus(status));
      const pending = status.filter((s) => !s.applied).length;
      if (pending > 0) {
        console.log(
          `the backup is from an older version: run "pacsync-server migrate --apply-all" to apply the ${pending} ` +
            `pending migration(s) (serve applies them at start unless [server] auto_migrate = false)`,
        );
      }
    }),
  );
}
