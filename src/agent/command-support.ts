// Small pieces several agent commands share: comma-separated package lists from the command line,
// sending what an earlier run queued before reporting anything new (reports arrive in order), and
// the report → plan → run sequence of `sync` and `revert`.
import type { Command } from 'commander';
import type { OperationView } from '../contracts/operation.contract.js';
import { isValidExclusionPattern, isValidPackageName } from '../core/names.js';
import type { SyncPlan } from '../core/plan.js';
import { printable } from '../core/printable.js';
import { isRetryable } from './api-client.js';
import { ReportQueue } from './state-dir/report-queue.js';
import { CliError, messageFor } from './errors.js';
import { captureState, submitCapture } from './reporting.js';
import { commandConfig, sessionFor, type Session } from './session.js';
import { catchStopSignals, type StopSignals } from './stop-signals.js';

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

/** Throws when a stop signal came before the server was asked for anything: nothing changed. */
function stopIfAsked(stops: StopSignals): void {
  const reason = stops.reason();
  if (reason !== null) throw new CliError(`${reason}: stopped before the server was asked for a plan: nothing was changed`);
}

/**
 * Runs an operation the server just planned for this command, with the command's output mode.
 * With `stops`, a signal stops it safely (operation-runner.ts) and the command exits non-zero even
 * when the pacman transaction it let finish was the last step. `confirmed`: the previewed plan
 * the user said yes to (the operation's must make the same changes).
 */
export async function runPlannedOperation(
  session: Session,
  answer: PlannedAnswer,
  opts: { json?: boolean; yes?: boolean },
  stops?: StopSignals,
  confirmed?: SyncPlan,
): Promise<void> {
  const { runOperation } = await import('./operation-runner.js');
  const { outputMode, printJson, progressDisplay } = await import('./output.js');
  if (answer.operation === null) throw new CliError('the server answered without an operation (it stored none): nothing was changed');
  const mode = outputMode(opts.json);
  const display = await progressDisplay(mode);
  try {
    const result = await runOperation(answer.operation, answer.plan as SyncPlan, {
      client: session.client,
      ctx: session.ctx,
      queue: queueOf(session),
      mode,
      display,
      yes: opts.yes === true,
      ...(confirmed ? { confirmed } : {}),
      ...(stops ? { stopping: stops.reason } : {}),
    });
    if (mode === 'json') {
      const { state: _state, ...rest } = result;
      printJson(rest);
    }
    const reason = stops?.reason() ?? null;
    if (reason !== null) {
      const how = result.outcome === 'completed' ? 'the pacman transaction under way was finished first' : 'nothing was changed';
      throw new CliError(`${reason}: stopped; ${how} (operation ${result.operation_id}: ${result.outcome.replace(/_/g, ' ')})`);
    }
  } finally {
    display.stop();
  }
}

type PlannedAnswer = { operation: OperationView | null; plan: unknown };

/**
 * `sync` and `revert`: reports this very moment's state (the server plans from the last report),
 * then, unless --yes, asks the server for a dry-run plan (`ask(session, true)`: no operation is
 * stored), shows it and asks the user; only on yes (or with --yes) is the operation created
 * (`ask(session, false)`) and carried out, and its plan must be the one shown. A killed prompt
 * thus leaves nothing pending on the server. Ctrl-C from the start stops cleanly.
 */
export async function planFromNowAndRun(
  cmd: Command,
  what: 'sync' | 'revert',
  opts: { json?: boolean; yes?: boolean; dryRun?: boolean },
  ask: (session: Session, dryRun: boolean) => Promise<PlannedAnswer>,
): Promise<void> {
  const stops = catchStopSignals();
  try {
    const session = sessionFor(commandConfig(cmd), { signal: stops.signal });
    await flushQueue(session, warn);
    await submitCapture(session.client, session.endpointId, { state: await captureState(session.ctx) });
    stopIfAsked(stops);
    if (opts.yes === true && opts.dryRun !== true) {
      await runPlannedOperation(session, await ask(session, false), opts, stops);
      return;
    }
    const { blockedError, isBlocked, previewPlan } = await import('./operation-runner.js');
    const { confirm, outputMode, planChangeCount, printJson, say } = await import('./output.js');
    const mode = outputMode(opts.json);
    const preview = (await ask(session, true)).plan as SyncPlan;
    const shown = await previewPlan(preview, what, { ctx: session.ctx, mode });
    const changes = planChangeCount(shown);
    if (opts.dryRun === true || (changes === 0 && !isBlocked(preview))) {
      if (mode === 'json') printJson({ operation_id: null, outcome: opts.dryRun === true ? 'dry_run' : 'nothing_to_do', plan: shown });
      else say(mode, opts.dryRun === true ? 'dry run: nothing was changed' : 'nothing to do');
      return;
    }
    if (isBlocked(preview)) throw blockedError(preview, what);
    if (!(await confirm(`:: Proceed with the ${what}?`, { signal: stops.signal }))) throw new CliError(`${what} cancelled: nothing was changed`);
    stopIfAsked(stops);
    await runPlannedOperation(session, await ask(session, false), { ...opts, yes: true }, stops, preview);
  } finally {
    stops.dispose();
  }
}
