import {
  StepsStopped
} from "./chunk-TKIX6WGV.js";
import {
  stateBody
} from "./chunk-HXI4R6PT.js";
import {
  isRetryable
} from "./chunk-ILHKZIDB.js";
import {
  confirm,
  planChangeCount,
  planLines,
  say
} from "./chunk-AW2CFVCP.js";
import {
  CliError,
  EXIT,
  messageFor
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/progress-reporter.js
var PROGRESS_INTERVAL_MS = 500;
var ProgressReporter = class {
  client;
  opId;
  inFlight = null;
  next = null;
  lastKey = "";
  lastSent = 0;
  timer = null;
  constructor(client, opId) {
    this.client = client;
    this.opId = opId;
  }
  report(progress, step, current) {
    const p = Math.max(0, Math.min(100, Math.floor(progress)));
    const key = `${p} ${step}`;
    if (key === this.lastKey)
      return;
    this.lastKey = key;
    this.next = { progress: p, step, ...current !== void 0 ? { current } : {} };
    this.pump(false);
  }
  pump(now) {
    if (this.inFlight !== null || this.next === null)
      return;
    const wait = this.lastSent + PROGRESS_INTERVAL_MS - Date.now();
    if (!now && wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.pump(true);
      }, wait);
      return;
    }
    const n = this.next;
    this.next = null;
    this.lastSent = Date.now();
    this.inFlight = this.client.progress(this.opId, {
      progress: n.progress,
      step: n.step.slice(0, 200),
      ...n.current !== void 0 && /^[a-z0-9@_+][a-z0-9@._+-]*$/.test(n.current) ? { current_package: n.current } : {}
    }).then(() => void 0, () => void 0).finally(() => {
      this.inFlight = null;
      this.pump(false);
    });
  }
  /** Sends what is pending now and waits for it. */
  async flush() {
    for (; ; ) {
      if (this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (this.inFlight !== null) {
        await this.inFlight;
        continue;
      }
      if (this.next === null)
        return;
      this.pump(true);
    }
  }
};

// dist/src/agent/operation-runner.js
var stoppedMessage = (reason) => `${typeof reason === "string" ? `${reason}: ` : ""}the agent was stopped before the transaction started: nothing was changed`;
function planOf(op) {
  const d = op.details;
  const p = d.plan !== null && typeof d.plan === "object" ? d.plan : d;
  const lists = ["packages_to_install", "packages_to_upgrade", "packages_to_downgrade", "packages_to_remove"];
  for (const k of lists) {
    if (!Array.isArray(p[k]))
      throw new CliError(`operation ${op.id} carries no plan the agent understands (no ${k})`);
  }
  return {
    reasons_to_change: [],
    conflicts: [],
    packages_kept: [],
    excluded_packages: [],
    excluded_count: 0,
    total_packages: 0,
    estimated_size: 0,
    blocked: false,
    dry_run: false,
    force: false,
    packages: null,
    exclude: [],
    conflict_resolution: "manual",
    remove_extra: false,
    kind: op.operation_type === "revert_to_previous" ? "revert" : "sync",
    ...p
  };
}
function detailString(op, ...keys) {
  const d = op.details;
  const plan = d.plan !== null && typeof d.plan === "object" ? d.plan : {};
  for (const k of keys) {
    const v = d[k] ?? plan[k];
    if (typeof v === "string" && v !== "")
      return v;
  }
  return null;
}
async function sourceState(client, op) {
  let id = op.operation_type === "revert_to_previous" ? detailString(op, "revert_to_state_id") : detailString(op, "target_state_id");
  try {
    if (id === null && op.operation_type === "sync_to_latest" && op.pool_id !== null)
      id = (await client.getPool(op.pool_id)).target_state_id;
    if (id === null)
      return void 0;
    return (await client.getState(id)).state_data;
  } catch (err) {
    if (isRetryable(err))
      throw err;
    return void 0;
  }
}
async function exclusionReasons(names, ctx) {
  const out = /* @__PURE__ */ new Map();
  if (names.length === 0)
    return out;
  const { fnmatch } = await import("./fnmatch-HGO3HAVI.js");
  const { loadPacmanConf } = await import("./pacman-conf.reader-5BUFKQE2.js");
  let ignorePkg = [];
  try {
    ignorePkg = (await loadPacmanConf(ctx.pacman.configPath, ctx.pacmanConf === void 0 ? {} : { pacmanConf: ctx.pacmanConf })).ignorePkg;
  } catch {
    ignorePkg = [];
  }
  for (const n of names) {
    const ig = ignorePkg.find((p) => fnmatch(p, n));
    const own = (ctx.exclude ?? []).find((p) => fnmatch(p, n));
    out.set(n, ig !== void 0 ? `pacman.conf IgnorePkg ${ig}` : own !== void 0 ? `agent exclude ${own}` : "pool or operation exclusion");
  }
  return out;
}
async function deliver(client, queue, report, log) {
  try {
    if (report.kind === "complete")
      await client.complete(report.operation_id, report.body);
    else if (report.kind === "fail")
      await client.fail(report.operation_id, report.body);
    else if (report.kind === "state")
      await client.submitState(report.endpoint_id, report.body);
    return true;
  } catch (err) {
    if (!isRetryable(err))
      throw err;
    queue.push(report);
    log(`warning: ${messageFor(err)}; the result is queued and sent when the server is back (pacsync daemon or the next command)`);
    return false;
  }
}
async function abandon(client, op, how, why) {
  try {
    if (how === "cancel")
      await client.cancel(op.id);
    else
      await client.fail(op.id, { error_message: why });
  } catch {
  }
}
async function runOperation(op, givenPlan, o) {
  const log = o.log ?? ((line) => say(o.mode, line));
  const plan = givenPlan ?? planOf(op);
  const what = op.operation_type === "revert_to_previous" ? "revert" : "sync";
  const stopReason = () => o.stopping?.() || false;
  const stopNow = async () => {
    const error = new CliError(stoppedMessage(stopReason()));
    await deliver(o.client, o.queue, { kind: "fail", operation_id: op.id, body: { error_message: error.message } }, log).catch(() => void 0);
    throw error;
  };
  const live = !plan.dry_run && op.status !== "completed";
  if (live && stopReason())
    await stopNow();
  const source = await sourceState(o.client, op);
  const { resolvePlan, preparePlan, applyPlan, readCurrentState, releasePrepared } = await import("./executor-Z2KLV4GX.js");
  if (plan.blocked || plan.conflicts.some((c) => c.resolution === "blocked")) {
    log(`${what} plan (operation ${op.id}):`);
    for (const l of planLines(plan))
      log(l);
    const list = plan.conflicts.filter((c) => c.resolution === "blocked").map((c) => `${c.name} ${c.installed_version} (target ${c.target_version})`);
    const msg = `${list.length} conflict(s) block the ${what}: installed newer than the target: ${list.join(", ")}; nothing was changed (pass --force to downgrade)`;
    await abandon(o.client, op, "fail", msg);
    throw new CliError(msg, EXIT.CONFLICT);
  }
  let resolved;
  try {
    resolved = await resolvePlan(plan, o.ctx, source ? { source } : {});
  } catch (err) {
    if (!plan.dry_run)
      await abandon(o.client, op, "fail", messageFor(err));
    throw err;
  }
  log(`${what} plan (operation ${op.id}):`);
  const excludedWhy = await exclusionReasons(resolved.plan.excluded_packages, o.ctx);
  for (const l of planLines(resolved.plan, { excluded: resolved.excluded, held: resolved.held, excludedWhy }))
    log(l);
  if (plan.dry_run || op.status === "completed") {
    log("dry run: nothing was changed");
    return { operation_id: op.id, outcome: "dry_run", plan: resolved.plan };
  }
  if (stopReason())
    await stopNow();
  if (planChangeCount(resolved.plan) === 0) {
    const state = await readCurrentState(o.ctx);
    await deliver(o.client, o.queue, { kind: "complete", operation_id: op.id, body: { result: { changed: [] }, state: stateBody(state) } }, log);
    return { operation_id: op.id, outcome: "nothing_to_do", plan: resolved.plan, state };
  }
  if (!o.yes) {
    let ok;
    try {
      ok = await confirm(`:: Proceed with the ${what}?`, o.ctx.signal ? { signal: o.ctx.signal } : {});
    } catch (err) {
      await abandon(o.client, op, "cancel", messageFor(err));
      throw err;
    }
    if (!ok) {
      await abandon(o.client, op, "cancel", "declined by the user");
      throw new CliError(`${what} cancelled: nothing was changed`);
    }
  }
  if (stopReason())
    await stopNow();
  const progress = new ProgressReporter(o.client, op.id);
  const show = (percent, label, pkg) => {
    o.display.update(percent, label);
    progress.report(percent, label, pkg ?? void 0);
  };
  show(0, "preparing");
  let prepared;
  try {
    prepared = await preparePlan(plan, o.ctx, { ...source ? { source } : {}, onProgress: (e) => show(e.percent * 30 / 100, e.message, e.package) });
  } catch (err) {
    o.display.stop();
    await progress.flush();
    const error = stopReason() ? new CliError(stoppedMessage(stopReason())) : err;
    await deliver(o.client, o.queue, { kind: "fail", operation_id: op.id, body: { error_message: messageFor(error) } }, log);
    throw error;
  }
  if (stopReason()) {
    await releasePrepared(prepared);
    o.display.stop();
    await progress.flush();
    await stopNow();
  }
  try {
    const result = await applyPlan(prepared, o.ctx, (e) => show(30 + e.percent * 70 / 100, e.message, e.package));
    show(100, `${what} done`);
    o.display.stop();
    await progress.flush();
    const state = await readCurrentState(o.ctx);
    await deliver(o.client, o.queue, { kind: "complete", operation_id: op.id, body: { result: { ...result }, state: stateBody(state) } }, log);
    const removed = result.removed.length;
    log(`${what} completed: ${result.changed.length} package(s) installed, upgraded or downgraded${removed > 0 ? `, ${removed} removed` : ""}`);
    return { operation_id: op.id, outcome: "completed", plan: resolved.plan, changed: result, state };
  } catch (err) {
    o.display.stop();
    await progress.flush();
    let state;
    try {
      state = await readCurrentState(o.ctx);
    } catch {
      state = void 0;
    }
    const error = err instanceof StepsStopped ? stepsStoppedError(err, stopReason()) : err;
    const body = { error_message: messageFor(error).slice(0, 16e3), ...state ? { state: stateBody(state) } : {} };
    await deliver(o.client, o.queue, { kind: "fail", operation_id: op.id, body }, log);
    throw error;
  }
}
function stepsStoppedError(err, reason) {
  if (err.completed.length === 0)
    return new CliError(stoppedMessage(reason));
  return new CliError(`${typeof reason === "string" ? `${reason}: ` : ""}the agent was ${err.message}; the state reached is reported`);
}

export {
  planOf,
  runOperation
};
