// The work behind `pacsync-admin sync-all` (see sync-all.command.ts).
import type { Command } from 'commander';
import { CliError } from '../../agent/errors.js';
import type { SyncOptions } from '../../contracts/operation.contract.js';
import type { SyncAllResult } from '../../contracts/sync.contract.js';
import { confirm, printJson, say, table, type Mode } from '../output.js';
import { poolId } from '../resolve.js';
import { runOf } from './support.js';

interface SyncAllOptions {
  dryRun?: boolean;
  yes?: boolean;
  force?: boolean;
  packages?: string[];
  exclude?: string[];
}

function show(mode: Mode, r: SyncAllResult): void {
  table(
    mode,
    ['ENDPOINT', 'ID', 'RESULT', 'OPERATION', 'PACKAGES', 'NOTE'],
    [
      ...r.created.map((c) => [
        c.endpoint_name,
        c.endpoint_id,
        !r.dry_run ? 'sync requested' : c.total_packages > 0 || c.blocked ? 'would sync' : 'nothing to do',
        c.operation_id,
        c.total_packages,
        c.blocked ? 'blocked: conflicts (--force downgrades)' : null,
      ]),
      ...r.skipped.map((s) => [s.endpoint_name, s.endpoint_id, `skipped: ${s.code}`, s.operation_id, null, s.reason]),
    ],
  );
}

export async function syncAll(ref: string, opts: SyncAllOptions, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const id = await poolId(api, ref);
  const body: SyncOptions = {
    ...(opts.force ? { force: true } : {}),
    ...(opts.packages ? { packages: opts.packages } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
  };
  if (opts.dryRun === true || opts.yes !== true) {
    const preview = await api.syncAll(id, { ...body, dry_run: true });
    if (opts.dryRun === true) {
      if (mode === 'json') return printJson(preview);
      show(mode, preview);
      say(mode, `dry run: ${preview.created.filter((c) => c.total_packages > 0 || c.blocked).length} member(s) would sync; nothing was stored`);
      return;
    }
    // A dry run lists members with nothing to do among `created` (0 changes); the real request skips them.
    const toSync = preview.created.filter((c) => c.total_packages > 0 || c.blocked).length;
    // The preview goes to stderr in JSON mode: stdout carries only the final answer.
    if (mode !== 'json') show(mode, preview);
    else process.stderr.write(`${toSync} member(s) would sync, ${preview.created.length - toSync + preview.skipped.length} not\n`);
    if (toSync === 0) {
      if (mode === 'json') return printJson(preview);
      say(mode, 'nothing to sync: no operation was created');
      return;
    }
    if (!(await confirm(`Request a sync of ${toSync} member(s) of pool ${ref}?`))) throw new CliError('sync-all cancelled: nothing was requested');
  }
  const r = await api.syncAll(id, { ...body, dry_run: false });
  if (mode === 'json') return printJson(r);
  show(mode, r);
  say(mode, `${r.created.length} operation(s) created, ${r.skipped.length} skipped`);
}
