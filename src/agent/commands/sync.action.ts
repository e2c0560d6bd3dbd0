// The work behind `pacsync sync` (see sync.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { parseNameList } from '../command-support.js';
import { syncFromCommand } from '../sync/sync-command.js';

export interface SyncCommandOptions {
  dryRun?: boolean;
  force?: boolean;
  packages?: string;
  exclude?: string;
  yes?: boolean;
  json?: boolean;
}

export async function runSync(opts: SyncCommandOptions, cmd: Command): Promise<void> {
  const packages = parseNameList(opts.packages, '--packages');
  const exclude = parseNameList(opts.exclude, '--exclude', { globs: true });
  await syncFromCommand(cmd, 'sync', opts, (session, dryRun) =>
    session.client.sync(session.endpointId, {
      dry_run: dryRun,
      force: opts.force === true,
      ...(packages ? { packages } : {}),
      ...(exclude ? { exclude } : {}),
    }),
  );
}
