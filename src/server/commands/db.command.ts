// `pacsync-server db cleanup|backup|restore|stats|check|vacuum` (issue #12): retention, backup and
// restore (db-backup.command.ts), inspection and maintenance of the configured database. Each acts
// on the database directly, like the other one-shot commands, and never creates one (restore
// excepted: it may write a SQLite file where there was none).
import type { Command } from 'commander';
import { systemClock } from '../../core/clock.js';
import { checkConsistency } from '../../db/consistency.repository.js';
import type { DatabaseHandle } from '../../db/database.js';
import { databaseStats, vacuumDatabase } from '../../db/maintenance.repository.js';
import { RetentionService, retentionSettings } from '../services/retention.service.js';
import { registerDbBackupCommands } from './db-backup.command.js';
import { type VacuumReport, formatCheck, formatCleanup, formatStats, formatVacuum } from './db-format.js';
import { action, addConfigOption, cliActor, loadCliConfig, requireCurrentSchema, withDatabase } from './support.js';

interface JsonOption {
  json?: boolean;
  config?: string;
}

function print(json: boolean | undefined, value: unknown, human: string): void {
  console.log(json ? JSON.stringify(value, null, 2) : human);
}

function statsOf(database: DatabaseHandle) {
  return databaseStats(database.db, database.dialect, database.dialect === 'sqlite' ? database.location : null);
}

export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('retention, backup and restore, inspection and maintenance of the database');

  addConfigOption(
    db
      .command('cleanup')
      .description('delete what retention does not keep ([retention], [features] max_state_history); prints counts per table')
      .option('--dry-run', 'count what would be deleted; delete nothing')
      .option('--json', 'print JSON'),
  ).action(
    action(async (opts: JsonOption & { dryRun?: boolean }) => {
      const config = loadCliConfig(opts);
      const dryRun = opts.dryRun === true;
      const counts = await withDatabase(config, async (database) => {
        await requireCurrentSchema(database);
        const service = new RetentionService({ db: database.db, clock: systemClock }, retentionSettings(config));
        return service.cleanup({ dryRun, actor: cliActor() });
      });
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      print(opts.json, { dry_run: dryRun, counts, total }, formatCleanup(counts, dryRun));
    }),
  );

  registerDbBackupCommands(db);

  addConfigOption(
    db.command('stats').description('table and index sizes, row counts, connections and cache hit ratio').option('--json', 'print JSON'),
  ).action(
    action(async (opts: JsonOption) => {
      const stats = await withDatabase(loadCliConfig(opts), statsOf);
      print(opts.json, stats, formatStats(stats));
    }),
  );

  addConfigOption(
    db
      .command('check')
      .description('consistency checks: orphaned rows, several targets per pool, foreign keys, integrity; exit 1 when something is wrong')
      .option('--json', 'print JSON'),
  ).action(
    action(async (opts: JsonOption) => {
      const problems = await withDatabase(loadCliConfig(opts), async (database) => {
        await requireCurrentSchema(database);
        return checkConsistency(database.db, database.dialect);
      });
      print(opts.json, { ok: problems.length === 0, problems }, formatCheck(problems));
      if (problems.length > 0) process.exitCode = 1;
    }),
  );

  addConfigOption(
    db
      .command('vacuum')
      .description('PostgreSQL VACUUM ANALYZE, SQLite VACUUM + ANALYZE; prints sizes before and after')
      .option('--json', 'print JSON'),
  ).action(
    action(async (opts: JsonOption) => {
      const report = await withDatabase(loadCliConfig(opts), async (database): Promise<VacuumReport> => {
        const before = await statsOf(database);
        await vacuumDatabase(database.db, database.dialect);
        const after = await statsOf(database);
        const afterByName = new Map(after.tables.map((t) => [t.name, t.total_bytes]));
        return {
          engine: after.engine,
          before_bytes: before.database_bytes,
          after_bytes: after.database_bytes,
          tables: before.tables.map((t) => ({ name: t.name, before_bytes: t.total_bytes, after_bytes: afterByName.get(t.name) ?? null })),
        };
      });
      print(opts.json, report, formatVacuum(report));
    }),
  );
}
