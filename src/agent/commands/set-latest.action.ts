// The work behind `pacsync set-latest` (see set-latest.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { flushQueue, parseNameList, warn } from '../command-support.js';
import { CliError } from '../errors.js';
import { outputMode, printJson, say } from '../output.js';
import { capture, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor } from '../session.js';

export interface SetLatestCommandOptions {
  message?: string;
  packages?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function runSetLatest(opts: SetLatestCommandOptions, cmd: Command): Promise<void> {
  const mode = outputMode(opts.json);
  const packages = parseNameList(opts.packages, '--packages');
  if (opts.message !== undefined && opts.message.length > 1000) throw new CliError('--message: at most 1000 characters');
  const session = sessionFor(commandConfig(cmd));
  await flushQueue(session, warn);
  // The repositories too: the target records the repository snapshot it was taken against, and
  // repository analysis must not keep a version the machine's last -Syu replaced.
  await submitCapture(session, await capture(session.ctx));
  const r = await session.client.setLatest(session.endpointId, {
    ...(opts.message !== undefined ? { message: opts.message } : {}),
    ...(packages ? { packages } : {}),
    ...(opts.dryRun ? { dry_run: true } : {}),
  });
  if (mode === 'json') {
    printJson(r);
    return;
  }
  const what = r.packages ? `${r.packages.length} promoted package(s), ${r.total_packages} in the target` : `${r.total_packages} package(s)`;
  const changes = `${r.changes.added} added, ${r.changes.removed} removed, ${r.changes.changed} changed against the previous target`;
  if (r.dry_run) {
    say(mode, `dry run: the pool's target would become ${what}: ${changes}; nothing was stored`);
    if (!r.applied) say(mode, 'it would be refused: dependencies left unsatisfied (an administrator may store it flagged with force)');
  } else {
    say(mode, `the pool's target is now this machine's state: ${what}; ${changes}`);
    say(
      mode,
      `pool members: ${r.pool_drift.in_sync} in sync, ${r.pool_drift.behind} behind, ${r.pool_drift.ahead} ahead, ${r.pool_drift.unknown} unknown`,
    );
  }
  for (const u of r.unsatisfied_dependencies) say(mode, `  unsatisfied: ${u.package} needs ${u.dependency}${u.found ? ` (found ${u.found})` : ''}`);
}
