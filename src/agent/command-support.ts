// Small pieces several agent commands share: comma-separated package lists from the command line,
// and sending what an earlier run queued before reporting anything new (reports arrive in order).
// (`sync` and `revert` run sync/sync-command.ts.)
import { isValidExclusionPattern, isValidPackageName } from '../core/names.js';
import { printable } from '../core/printable.js';
import { isRetryable } from './api-client.js';
import { ReportQueue } from './state-dir/report-queue.js';
import { CliError, messageFor } from './errors.js';
import type { Session } from './session.js';

/** `a,b c` → ['a','b','c'], each a package name (or a glob when `globs`); bad ones name the option. */
export function parseNameList(value: string | undefined, option: string, opts: { globs?: boolean } = {}): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(/[\s,]+/).filter((s) => s !== '');
  if (names.length === 0) throw new CliError(`${option}: no package name given`);
  for (const n of names) {
    const ok = opts.globs ? isValidExclusionPattern(n) : isValidPackageName(n);
    if (!ok) throw new CliError(`${option}: '${n}' is not a valid package name${opts.globs ? ' or pattern' : ''}`);
  }
  return [...new Set(names)];
}

export function queueOf(session: Session): ReportQueue {
  return new ReportQueue(session.config.client.stateDir);
}

/**
 * Replays reports an earlier run could not deliver. An unreachable server is not an error here
 * (the command's own request will say so); a refused item is dropped with a warning.
 */
export async function flushQueue(session: Session, warn: (line: string) => void): Promise<void> {
  const queue = queueOf(session);
  if (!queue.exists()) return;
  // The daemon may be replaying right now: let it finish (ours would come after its reports).
  const r = await queue.replay(session.client, { waitMs: session.config.server.timeout * 1000 });
  for (const d of r.dropped) warn(`warning: dropped a queued ${d.item.kind} report the server refused: ${d.reason}`);
  if (r.stoppedBy !== null && !isRetryable(r.stoppedBy)) warn(`warning: queued reports not sent: ${messageFor(r.stoppedBy)}`);
}

/** Writes a warning line on stderr. */
export function warn(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
}
