// Carrying out one sync or revert operation on this machine — the one code path shared by
// `pacsync sync`, `pacsync revert` and the daemon (operations the server started). A command that
// asks the user first previews a dry-run plan (previewPlan: no operation exists on the server),
// and only once the user said yes asks for the operation, whose plan must be the one previewed
// (`confirmed`; anything else fails it, nothing changed):
//
//   plan (the operation's details, computed by the server) → checked: every name, version and
//   repository valid, removals and reason changes of installed packages only (core/plan-check.ts;
//   a refused plan fails the operation, nothing changed) → conflicts? exit 4, nothing changed
//   → show → confirm (unless --yes) → prepare (downloads, pacman --print; nothing changed yet)
//   → apply through the real pacman, reporting progress to the operation
//   → complete with the state reached | fail with pacman's message and the state reached (exit 6)
//
// Results the server cannot take right now (unreachable) go to the report queue, which the daemon
// (or the next command) replays: the operation's outcome is never lost.
//
// Stopping (Ctrl-C, SIGTERM: `stopping()` names the signal, and ctx.signal is aborted): before the
// transaction starts, the operation fails saying nothing was changed; a pacman step already
// running is finished and no other starts (the operation fails with the state reached, unless
// that step was the last one: then it completed).
import type { OperationView } from '../contracts/operation.contract.js';
import type { PackageStateData } from '../core/package-state.js';
import { isUuid } from '../core/names.js';
import { checkPlan, planDifference } from '../core/plan-check.js';
import { emptyPlan, type SyncPlan } from '../core/plan.js';
import { isRetryable, type ApiClient } from './api-client.js';
import { takeOperationLock } from './state-dir/operation-lock.js';
import { ReportQueue, sendReport, withIdempotencyKey, type QueuedReport } from './state-dir/report-queue.js';
import { CliError, EXIT, messageFor } from './errors.js';
import { StepsStopped } from './pacman/executor-errors.js';
import { confirm, planChangeCount, planLines, say, type OutputMode, type ProgressDisplay } from './output.js';
import type { ExecutorContext } from './pacman/executor-context.js';
import { ProgressReporter } from './progress-reporter.js';
import { stateBody } from './reporting.js';

export interface RunOptions {
  client: ApiClient;
  ctx: ExecutorContext;
  queue: ReportQueue;
  mode: OutputMode;
  display: ProgressDisplay;
  /** Skip the confirmation question. */
  yes: boolean;
  /** The plan the user confirmed in a preview: the operation's plan must make the same changes. */
  confirmed?: SyncPlan;
  /**
   * Why the agent is stopping (the signal's name, e.g. `SIGINT`), or null/false while it is not.
   * Checked between the stages; ctx.signal should be aborted at the same moment.
   */
  stopping?: () => string | boolean | null;
  /** Daemon log lines (instead of `say`). */
  log?: (line: string) => void;
}

export interface RunResult {
  /** Null for a preview or dry run: a plan, not an operation. */
  operation_id: string | null;
  outcome: 'completed' | 'dry_run' | 'nothing_to_do' | 'declined';
  plan: SyncPlan;
  changed?: unknown;
  state?: PackageStateData;
}

type Details = Record<string, unknown>;

/** Why the agent stopped before changing anything (`reason`: the signal, when known). */
const stoppedMessage = (reason: string | boolean): string =>
  `${typeof reason === 'string' ? `${reason}: ` : ''}the agent was stopped before the transaction started: nothing was changed`;

/** The plan inside an operation's details (flat, as SPEC §4 describes; or under `plan`). */
export function planOf(op: OperationView): SyncPlan {
  const d = op.details as Details;
  const p = (d.plan !== null && typeof d.plan === 'object' ? d.plan : d) as Partial<SyncPlan>;
  const lists = ['packages_to_install', 'packages_to_upgrade', 'packages_to_downgrade', 'packages_to_remove'] as const;
  for (const k of lists) {
    if (!Array.isArray(p[k])) throw new CliError(`operation ${op.id} carries no plan the agent understands (no ${k})`);
  }
  return withDefaults(p as SyncPlan, kindOf(op));
}

const kindOf = (op: OperationView): SyncPlan['kind'] => (op.operation_type === 'revert_to_previous' ? 'revert' : 'sync');

/** `plan` with every list the server left out empty (a null or absent one; a wrong type stays for checkPlan). */
function withDefaults(plan: SyncPlan, kind: SyncPlan['kind']): SyncPlan {
  const out: Record<string, unknown> = { ...emptyPlan(kind) };
  for (const [k, v] of Object.entries(plan as unknown as Record<string, unknown>)) if (v !== undefined && v !== null) out[k] = v;
  return out as unknown as SyncPlan;
}

function detailString(op: OperationView, ...keys: string[]): string | null {
  const d = op.details as Details;
  const plan = (d.plan !== null && typeof d.plan === 'object' ? d.plan : {}) as Details;
  for (const k of keys) {
    const v = d[k] ?? plan[k];
    // Ids become URL paths of our requests: only a UUID is taken.
    if (typeof v === 'string' && isUuid(v)) return v;
  }
  return null;
}

/**
 * The state the plan was made from (the pool target, or the endpoint's earlier state for a
 * revert): the executor takes package architectures and records from it. Best effort — the plan
 * can be carried out without it.
 */
async function sourceState(client: ApiClient, op: OperationView): Promise<PackageStateData | undefined> {
  // Sync: the pool target it was planned against; revert: the earlier state it returns to.
  let id = op.operation_type === 'revert_to_previous' ? detailString(op, 'revert_to_state_id') : detailString(op, 'target_state_id');
  try {
    if (id === null && op.operation_type === 'sync_to_latest' && op.pool_id !== null) id = (await client.getPool(op.pool_id)).target_state_id;
    if (id === null) return undefined;
    return (await client.getState(id)).state_data as unknown as PackageStateData;
  } catch (err) {
    if (isRetryable(err)) throw err;
    return undefined;
  }
}

/**
 * Sends a result, or queues it when the server cannot be reached. Returns true when sent. The
 * queued copy keeps the key of this first attempt: if the server did take it (and only its answer
 * was lost), the replay is recognised and changes nothing.
 */
async function deliver(client: ApiClient, queue: ReportQueue, given: QueuedReport, log: (l: string) => void): Promise<boolean> {
  const report = withIdempotencyKey(given);
  try {
    await sendReport(client, report, queue.acknowledged);
    return true;
  } catch (err) {
    if (!isRetryable(err)) throw err;
    queue.push(report);
    log(`warning: ${messageFor(err)}; the result is queued and sent when the server is back (pacsync daemon or the next command)`);
    return false;
  }
}

/** Stops an operation that will not run (declined, blocked): cancelled, or failed with `why`. */
async function abandon(client: ApiClient, op: OperationView, how: 'cancel' | 'fail', why: string): Promise<void> {
  try {
    if (how === 'cancel') await client.cancel(op.id);
    else await client.fail(op.id, { error_message: why });
  } catch {
    // The operation may already be closed (a dry run) or the server gone: nothing changed here.
  }
}

/** Conflicts stop this plan (manual resolution without --force). */
export const isBlocked = (plan: SyncPlan): boolean => plan.blocked === true || (plan.conflicts ?? []).some((c) => c.resolution === 'blocked');

/** Exit 4, naming the conflicts that block the plan. */
export function blockedError(plan: SyncPlan, what: string): CliError {
  const list = (plan.conflicts ?? [])
    .filter((c) => c.resolution === 'blocked')
    .map((c) => `${c.name} ${c.installed_version} (target ${c.target_version})`);
  return new CliError(
    `${list.length} conflict(s) block the ${what}: installed newer than the target: ${list.join(', ')}; nothing was changed (pass --force to downgrade)`,
    EXIT.CONFLICT,
  );
}

/**
 * Shows what `plan` (a dry run's, no operation behind it) would do on this machine: checked,
 * resolved against pacman.conf and the package sources, printed. Changes nothing.
 */
export async function previewPlan(given: SyncPlan, what: 'sync' | 'revert', o: Pick<RunOptions, 'ctx' | 'mode' | 'log'>): Promise<SyncPlan> {
  const log = o.log ?? ((line: string) => say(o.mode, line));
  const plan = withDefaults(given, what);
  checkPlan(plan);
  const { resolvePlan } = await import('./pacman/executor.js');
  log(`${what} plan:`);
  if (isBlocked(plan)) {
    for (const l of planLines(plan)) log(l);
    return plan;
  }
  // Without the source state the preview takes package architectures from the machine; the
  // operation itself resolves again with it.
  const resolved = await resolvePlan(plan, o.ctx);
  for (const l of planLines(resolved.plan, { excluded: resolved.excluded, held: resolved.held, excludedWhy: resolved.excludedWhy })) log(l);
  return resolved.plan;
}

/**
 * Carries out `op` (see the file comment) with `plan` (the server's answer to sync/revert; taken
 * from the operation's details when null). Throws CliError with the exit code on failure.
 */
export async function runOperation(op: OperationView, givenPlan: SyncPlan | null, o: RunOptions): Promise<RunResult> {
  const log = o.log ?? ((line: string) => say(o.mode, line));
  // Lists a server left out are empty, never undefined (a missing `conflicts` must not crash the
  // agent before it has failed the operation).
  const plan = givenPlan ? withDefaults(givenPlan, kindOf(op)) : planOf(op);
  const what = kindOf(op);
  const stopReason = (): string | boolean => o.stopping?.() || false;
  /** Fails the operation (queued if the server is away) and throws: stopped, nothing changed. */
  const stopNow = async (): Promise<never> => {
    const error = new CliError(stoppedMessage(stopReason()));
    await deliver(o.client, o.queue, { kind: 'fail', operation_id: op.id, body: { error_message: error.message } }, log).catch(() => undefined);
    throw error;
  };
  const live = !plan.dry_run && op.status !== 'completed';
  try {
    checkPlan(plan);
  } catch (err) {
    if (live) await abandon(o.client, op, 'fail', messageFor(err));
    throw err;
  }
  if (live && stopReason()) await stopNow();
  const source = await sourceState(o.client, op);
  const { resolvePlan, preparePlan, applyPlan, readCurrentState, releasePrepared } = await import('./pacman/executor.js');

  if (isBlocked(plan)) {
    log(`${what} plan (operation ${op.id}):`);
    for (const l of planLines(plan)) log(l);
    const error = blockedError(plan, what);
    await abandon(o.client, op, 'fail', error.message);
    throw error;
  }
  // What this machine will do: pacman.conf's IgnorePkg/IgnoreGroup and HoldPkg applied.
  let resolved;
  try {
    resolved = await resolvePlan(plan, o.ctx, source ? { source } : {});
  } catch (err) {
    if (!plan.dry_run) await abandon(o.client, op, 'fail', messageFor(err));
    throw err;
  }
  log(`${what} plan (operation ${op.id}):`);
  for (const l of planLines(resolved.plan, { excluded: resolved.excluded, held: resolved.held, excludedWhy: resolved.excludedWhy })) log(l);
  if (plan.dry_run || op.status === 'completed') {
    log('dry run: nothing was changed');
    return { operation_id: op.id, outcome: 'dry_run', plan: resolved.plan };
  }
  if (stopReason()) await stopNow();
  if (planChangeCount(resolved.plan) === 0) {
    const state = await readCurrentState(o.ctx);
    await deliver(o.client, o.queue, { kind: 'complete', operation_id: op.id, body: { result: { changed: [] }, state: stateBody(state) } }, log);
    return { operation_id: op.id, outcome: 'nothing_to_do', plan: resolved.plan, state };
  }
  if (o.confirmed !== undefined) {
    // The server planned again when the operation was created: the machine or the target may
    // have moved since the preview. Only the changes the user saw may run.
    const diff = planDifference(o.confirmed, plan);
    if (diff.length > 0) {
      const msg = `the ${what} plan changed since it was shown (${diff.slice(0, 5).join('; ')}${diff.length > 5 ? '; …' : ''}); nothing was changed: run it again to see the new plan`;
      await abandon(o.client, op, 'fail', msg);
      throw new CliError(msg);
    }
  } else if (!o.yes) {
    let ok: boolean;
    try {
      ok = await confirm(`:: Proceed with the ${what}?`, o.ctx.signal ? { signal: o.ctx.signal } : {});
    } catch (err) {
      await abandon(o.client, op, 'cancel', messageFor(err));
      throw err;
    }
    if (!ok) {
      await abandon(o.client, op, 'cancel', 'declined by the user');
      throw new CliError(`${what} cancelled: nothing was changed`);
    }
  }
  if (stopReason()) await stopNow();

  // From here pacman may run: the pacman hook must not report this transaction meanwhile
  // (its result below does). Released however the operation ends.
  const opLock = takeOperationLock(o.queue.dir);
  try {
    const progress = new ProgressReporter(o.client, op.id);
    const show = (percent: number, label: string, pkg?: string | null): void => {
      o.display.update(percent, label);
      progress.report(percent, label, pkg ?? undefined);
    };
    show(0, 'preparing');
    let prepared;
    try {
      // Preparation (refresh, downloads, pacman --print) is the first 30 %; nothing changes in it.
      prepared = await preparePlan(plan, o.ctx, {
        ...(source ? { source } : {}),
        onProgress: (e) => show((e.percent * 30) / 100, e.message, e.package),
      });
    } catch (err) {
      o.display.stop();
      await progress.flush();
      // Stopping aborts downloads and pacman's preparation (ctx.signal): say why, not "aborted".
      const error = stopReason() ? new CliError(stoppedMessage(stopReason())) : err;
      await deliver(o.client, o.queue, { kind: 'fail', operation_id: op.id, body: { error_message: messageFor(error) } }, log);
      throw error;
    }
    if (stopReason()) {
      await releasePrepared(prepared);
      o.display.stop();
      await progress.flush();
      await stopNow();
    }
    try {
      const result = await applyPlan(prepared, o.ctx, (e) => show(30 + (e.percent * 70) / 100, e.message, e.package));
      show(100, `${what} done`);
      o.display.stop();
      await progress.flush();
      const state = await readCurrentState(o.ctx);
      await deliver(o.client, o.queue, { kind: 'complete', operation_id: op.id, body: { result: { ...result }, state: stateBody(state) } }, log);
      const removed = result.removed.length;
      log(`${what} completed: ${result.changed.length} package(s) installed, upgraded or downgraded${removed > 0 ? `, ${removed} removed` : ''}`);
      return { operation_id: op.id, outcome: 'completed', plan: resolved.plan, changed: result, state };
    } catch (err) {
      o.display.stop();
      await progress.flush();
      // Report what the machine is now, whatever pacman managed to do.
      let state: PackageStateData | undefined;
      try {
        state = await readCurrentState(o.ctx);
      } catch {
        state = undefined;
      }
      // Stopped between two pacman steps: the one running was finished, the rest never started.
      const error = err instanceof StepsStopped ? stepsStoppedError(err, stopReason()) : err;
      const body = { error_message: messageFor(error).slice(0, 16_000), ...(state ? { state: stateBody(state) } : {}) };
      await deliver(o.client, o.queue, { kind: 'fail', operation_id: op.id, body }, log);
      throw error; // a PacmanFailure keeps its exit code 6
    }
  } finally {
    opLock?.release();
  }
}

function stepsStoppedError(err: StepsStopped, reason: string | boolean): CliError {
  if (err.completed.length === 0) return new CliError(stoppedMessage(reason));
  return new CliError(`${typeof reason === 'string' ? `${reason}: ` : ''}the agent was ${err.message}; the state reached is reported`);
}
