// One sync (or revert) of this machine — `pacsync sync`, `pacsync revert` and the operations the
// daemon carries out for the server all take this one path, syncMachine(), step by step:
//
//   1 capture  read this machine once (pacman/machine-state.ts): pacman.conf, the local and the
//              sync databases, and the package state built from them
//   2 report   that state to the server (state-report.ts: only its hash when the server has it),
//              which plans from it
//   3 plan     the server's plan — a dry run to preview when the user will be asked, else the
//              operation itself (--yes, the daemon) — parsed from `unknown` and checked
//              (server-plan.ts), resolved on the capture (pacman/plan-preparation.ts: IgnorePkg,
//              HoldPkg, where each version comes from) and shown; conflicts that block it: exit 4
//   4 confirm  the user's yes to the preview (not asked with --yes, nor by the daemon)
//   5 verify   the operation to run: after a preview the server stores it now, planning again, and
//              it may only make the changes the user saw
//   6 execute  prepare (a `pacman -Sy` if needed, downloads, pacman --print: nothing changed yet;
//              the first 30 %), then the pacman steps (pacman/executor.ts), progress to the operation
//   7 deliver  the result and the state reached, read again, to the server (operation-report.ts:
//              queued when it is away); a failure keeps pacman's exit code 6
//
// So the machine is read twice — before the plan and after pacman (a `pacman -Sy` makes
// preparation read the sync databases again), and once more after the user's yes when asked —
// and a plan is resolved once on the reading it runs on and prepared from that resolution.
// Nothing of the server's plan reaches pacman before steps 3 and 5 have checked it.
//
// Stopping (Ctrl-C, SIGTERM: `stopping()` names the signal, and ctx.signal is aborted): before the
// transaction starts, the operation fails saying nothing was changed; a pacman step already
// running is finished and no other starts (the operation fails with the state reached, unless
// that step was the last one: then it completed).
import type { OperationView } from '../../contracts/operation.contract.js';
import type { PackageStateData } from '../../core/package-state.js';
import { planDifference } from '../../core/plan-check.js';
import type { SyncPlan } from '../../core/plan.js';
import type { ApiClient } from '../api-client.js';
import { CliError, messageFor } from '../errors.js';
import { confirm as askUser, planChangeCount, planLines, progressDisplay, type OutputMode } from '../output.js';
import type { ExecutorContext } from '../pacman/executor-context.js';
import { StepsStopped } from '../pacman/executor-errors.js';
import { applyPlan, type ApplyResult } from '../pacman/executor.js';
import { readCurrentState, readMachine, stateOfMachine, type Machine } from '../pacman/machine-state.js';
import { preparePlanOn, releasePrepared, resolvePlanOn, type PlanOnMachine } from '../pacman/plan-preparation.js';
import type { PreparedPlan, ResolvedPlan } from '../pacman/plan-types.js';
import { ProgressReporter } from '../progress-reporter.js';
import { stateBody } from '../reporting.js';
import { takeOperationLock } from '../state-dir/operation-lock.js';
import type { QueuedReport, ReportQueue } from '../state-dir/report-queue.js';
import { reportState } from '../state-report.js';
import { abandon, sendOrQueue, stepsStoppedError, stoppedMessage } from './operation-report.js';
import { blockedError, isBlocked, parsePlan, planInDetails, saysDryRun, sourceState } from './server-plan.js';

/** The server's answer to sync/revert: the stored operation (null for a dry run) and its plan. */
export interface PlannedAnswer {
  operation: OperationView | null;
  plan: unknown;
}

export interface SyncRun {
  what: 'sync' | 'revert';
  client: ApiClient;
  endpointId: string;
  ctx: ExecutorContext;
  queue: ReportQueue;
  mode: OutputMode;
  log: (line: string) => void;
  /** The server's plan: a dry run (true: nothing is stored) or the operation to carry out. */
  ask: (dryRun: boolean) => Promise<PlannedAnswer>;
  /** Run without asking the user (--yes; the daemon). */
  yes: boolean;
  /** Only show the plan. */
  dryRun: boolean;
  /** Why the agent is stopping (the signal's name, or true), false while it is not. */
  stopping: () => string | boolean;
}

export interface RunResult {
  /** Null for a preview: a plan, not an operation. */
  operation_id: string | null;
  outcome: 'completed' | 'dry_run' | 'nothing_to_do';
  plan: SyncPlan;
  changed?: ApplyResult;
  state?: PackageStateData;
}

/** Step 1's reading of the machine, which every later step until pacman runs works on. */
interface Captured {
  machine: Machine;
  state: PackageStateData;
}

/** A plan of the server's, checked and resolved on the capture. */
interface Planned {
  /** Null for a preview (a dry run: nothing stored on the server). */
  operation: OperationView | null;
  plan: SyncPlan;
  onMachine: PlanOnMachine;
  /** Package changes this machine will make. */
  changes: number;
}
type Operation = Planned & { operation: OperationView };

type Outcome = { kind: 'unchanged' } | { kind: 'applied'; result: ApplyResult } | { kind: 'failed'; error: unknown; pacmanRan: boolean };

const isResult = (x: Planned | RunResult): x is RunResult => 'outcome' in x;
const isOperation = (p: Planned): p is Operation => p.operation !== null;

/** Carries out one sync or revert (see the file comment). Throws CliError with the exit code on failure. */
export async function syncMachine(run: SyncRun): Promise<RunResult> {
  const captured = await capture(run);
  await report(run, captured);
  const planned = await plan(run, captured);
  if (isResult(planned)) return planned; // a dry run, or nothing to do
  await confirm(run, planned);
  // The question may have waited for minutes, and another pacman may have run meanwhile: what
  // runs is planned, checked and resolved on the machine as it is after the yes, not as it was
  // shown (the server plans again from that report, and verify refuses what the user did not see).
  const current = isOperation(planned) ? captured : await recapture(run);
  const op = await verify(run, current, planned);
  if (isResult(op)) return op;
  if (op.changes === 0) return deliver(run, op, { kind: 'unchanged' }, current);
  // From the first pacman step until its result is delivered (or queued), the pacman hook leaves
  // this transaction to us (state-dir/operation-lock.ts).
  const lock = takeOperationLock(run.queue.dir);
  try {
    const outcome = await execute(run, op);
    return await deliver(run, op, outcome, current);
  } finally {
    lock?.release();
  }
}

/** 1. This machine, read once: what is reported, and what the plan is checked and resolved against. */
async function capture(run: SyncRun): Promise<Captured> {
  const machine = await readMachine(run.ctx);
  return { machine, state: await stateOfMachine(machine, run.ctx) };
}

/** 1 and 2 again after the user's yes (see syncMachine): only its hash when nothing changed. */
async function recapture(run: SyncRun): Promise<Captured> {
  const c = await capture(run);
  await report(run, c);
  return c;
}

/** 2. The server plans from the last report: it must be this very moment's state. */
async function report(run: SyncRun, c: Captured): Promise<void> {
  await reportState(run.client, run.endpointId, stateBody(c.state), run.queue.acknowledged);
}

/** 3. The plan to decide on: a preview (a dry run, no operation) when the user is asked or --dry-run, else the operation. */
async function plan(run: SyncRun, c: Captured): Promise<Planned | RunResult> {
  if (run.yes && !run.dryRun) return operationPlan(run, c, await run.ask(false));
  const plan = parsePlan((await run.ask(true)).plan, run.what);
  run.log(`${run.what} plan:`);
  if (isBlocked(plan)) {
    for (const l of planLines(plan)) run.log(l);
    if (!run.dryRun) throw blockedError(plan, run.what);
    run.log('dry run: nothing was changed');
    return { operation_id: null, outcome: 'dry_run', plan };
  }
  // No operation yet, so no source state: package architectures come from the machine (the
  // operation resolves again with them).
  const onMachine = await resolvePlanOn(c.machine, plan, run.ctx);
  show(run, onMachine.resolved);
  const changes = planChangeCount(onMachine.resolved.plan);
  if (run.dryRun || changes === 0) {
    run.log(run.dryRun ? 'dry run: nothing was changed' : 'nothing to do');
    return { operation_id: null, outcome: run.dryRun ? 'dry_run' : 'nothing_to_do', plan: onMachine.resolved.plan };
  }
  return { operation: null, plan, onMachine, changes };
}

/** 4. The user's yes to the preview; an operation already stored (--yes, the daemon's) runs as planned. */
async function confirm(run: SyncRun, p: Planned): Promise<void> {
  if (isOperation(p)) return;
  const ok = await askUser(`:: Proceed with the ${run.what}?`, run.ctx.signal ? { signal: run.ctx.signal } : {});
  if (!ok) throw new CliError(`${run.what} cancelled: nothing was changed`);
}

/** 5. The operation that runs: after a confirmed preview, the one the server stores now, making the same changes. */
async function verify(run: SyncRun, c: Captured, p: Planned): Promise<Operation | RunResult> {
  const op = isOperation(p) ? p : await operationPlan(run, c, await run.ask(false));
  if (op.plan.dry_run || op.operation.status === 'completed') {
    run.log('dry run: nothing was changed');
    return { operation_id: op.operation.id, outcome: 'dry_run', plan: op.onMachine.resolved.plan };
  }
  if (run.stopping()) await stopNow(run, op.operation);
  if (op.changes === 0) return op;
  if (!isOperation(p)) {
    // The server planned again when it stored the operation: the machine or the target may have
    // moved since the preview. Only the changes the user saw may run.
    const diff = planDifference(p.plan, op.plan);
    if (diff.length > 0) {
      const msg =
        `the ${run.what} plan changed since it was shown (${diff.slice(0, 5).join('; ')}${diff.length > 5 ? '; …' : ''}); ` +
        `nothing was changed: run it again to see the new plan`;
      await abandon(run.client, op.operation, msg);
      throw new CliError(msg);
    }
  }
  if (run.stopping()) await stopNow(run, op.operation);
  return op;
}

/** 6. Preparation (nothing changes in it), then the pacman steps. Never throws what pacman did: deliver reports it. */
async function execute(run: SyncRun, op: Operation): Promise<Outcome> {
  const display = await progressDisplay(run.mode);
  const progress = new ProgressReporter(run.client, op.operation.id);
  const show = (percent: number, label: string, pkg?: string | null): void => {
    display.update(percent, label);
    progress.report(percent, label, pkg ?? undefined);
  };
  const done = async (): Promise<void> => {
    display.stop();
    await progress.flush();
  };
  show(0, 'preparing');
  let prepared: PreparedPlan;
  try {
    prepared = await preparePlanOn(op.onMachine, run.ctx, { onProgress: (e) => show((e.percent * 30) / 100, e.message, e.package) });
  } catch (err) {
    await done();
    // Stopping aborts downloads and pacman's preparation (ctx.signal): say why, not "aborted".
    return { kind: 'failed', pacmanRan: false, error: run.stopping() ? new CliError(stoppedMessage(run.stopping())) : err };
  }
  if (run.stopping()) {
    await releasePrepared(prepared);
    await done();
    await stopNow(run, op.operation);
  }
  try {
    const result = await applyPlan(prepared, run.ctx, (e) => show(30 + (e.percent * 70) / 100, e.message, e.package));
    show(100, `${run.what} done`);
    await done();
    return { kind: 'applied', result };
  } catch (err) {
    await done();
    return { kind: 'failed', pacmanRan: true, error: err instanceof StepsStopped ? stepsStoppedError(err, run.stopping()) : err };
  }
}

/** 7. The operation's result and the state reached: read again after pacman, the capture when nothing ran. */
async function deliver(run: SyncRun, op: Operation, outcome: Outcome, c: Captured): Promise<RunResult> {
  const operation_id = op.operation.id;
  const plan = op.onMachine.resolved.plan;
  const send = (r: QueuedReport): Promise<boolean> => sendOrQueue(run.client, run.queue, r, run.log);
  if (outcome.kind === 'failed') {
    // What the machine is now, whatever pacman managed to do.
    const state = outcome.pacmanRan ? await readCurrentState(run.ctx).catch(() => undefined) : undefined;
    const error_message = messageFor(outcome.error).slice(0, 16_000);
    await send({ kind: 'fail', operation_id, body: { error_message, ...(state ? { state: stateBody(state) } : {}) } });
    throw outcome.error; // a PacmanFailure keeps its exit code 6
  }
  if (outcome.kind === 'unchanged') {
    await send({ kind: 'complete', operation_id, body: { result: { changed: [] }, state: stateBody(c.state) } });
    return { operation_id, outcome: 'nothing_to_do', plan, state: c.state };
  }
  const { result } = outcome;
  const state = await readCurrentState(run.ctx);
  await send({ kind: 'complete', operation_id, body: { result: { ...result }, state: stateBody(state) } });
  const removed = result.removed.length;
  run.log(`${run.what} completed: ${result.changed.length} package(s) installed, upgraded or downgraded${removed > 0 ? `, ${removed} removed` : ''}`);
  return { operation_id, outcome: 'completed', plan, changed: result, state };
}

/** Steps 3 and 5: the operation the server stored, its plan checked and resolved on the capture, shown. */
async function operationPlan(run: SyncRun, c: Captured, answer: PlannedAnswer): Promise<Operation> {
  const operation = answer.operation;
  if (operation === null) throw new CliError('the server answered without an operation (it stored none): nothing was changed');
  const given = answer.plan ?? planInDetails(operation);
  const live = !saysDryRun(given) && operation.status !== 'completed';
  let plan: SyncPlan;
  try {
    plan = parsePlan(given, run.what);
  } catch (err) {
    if (live) await abandon(run.client, operation, messageFor(err));
    throw err;
  }
  if (live && run.stopping()) await stopNow(run, operation);
  const source = await sourceState(run.client, operation);
  const header = `${run.what} plan (operation ${operation.id}):`;
  if (isBlocked(plan)) {
    for (const l of [header, ...planLines(plan)]) run.log(l);
    const error = blockedError(plan, run.what);
    await abandon(run.client, operation, error.message);
    throw error;
  }
  let onMachine: PlanOnMachine;
  try {
    onMachine = await resolvePlanOn(c.machine, plan, run.ctx, source ? { source } : {});
  } catch (err) {
    if (!plan.dry_run) await abandon(run.client, operation, messageFor(err));
    throw err;
  }
  run.log(header);
  show(run, onMachine.resolved);
  return { operation, plan, onMachine, changes: planChangeCount(onMachine.resolved.plan) };
}

/** The plan as this machine will carry it out: pacman.conf's IgnorePkg/IgnoreGroup and HoldPkg applied. */
function show(run: SyncRun, r: ResolvedPlan): void {
  for (const l of planLines(r.plan, { excluded: r.excluded, held: r.held, excludedWhy: r.excludedWhy })) run.log(l);
}

/** Fails the operation (queued if the server is away) and throws: stopped, nothing changed. */
async function stopNow(run: SyncRun, op: OperationView): Promise<never> {
  const error = new CliError(stoppedMessage(run.stopping()));
  await sendOrQueue(run.client, run.queue, { kind: 'fail', operation_id: op.id, body: { error_message: error.message } }, run.log).catch(
    () => undefined,
  );
  throw error;
}
