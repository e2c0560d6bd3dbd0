import {
  runOperation
} from "./chunk-6GOSUWPW.js";
import "./chunk-TKIX6WGV.js";
import {
  ReportQueue
} from "./chunk-5AKQSSKG.js";
import {
  commandConfig,
  sessionFor
} from "./chunk-XF2QI3ZZ.js";
import "./chunk-YULYYU46.js";
import {
  captureState,
  repositoriesOf,
  stateBody
} from "./chunk-HXI4R6PT.js";
import {
  ApiError,
  isRetryable
} from "./chunk-ILHKZIDB.js";
import {
  progressDisplay
} from "./chunk-AW2CFVCP.js";
import {
  readMachine,
  stateOfMachine
} from "./chunk-KUJ3AIP3.js";
import "./chunk-AITXTHUY.js";
import "./chunk-S24NCT7Y.js";
import "./chunk-Z77OVGDM.js";
import "./chunk-3ZOWN2OT.js";
import "./chunk-Q4RKZCN5.js";
import {
  messageFor
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/daemon/backoff.js
var Backoff = class {
  baseMs;
  maxMs;
  now;
  failures = 0;
  until = 0;
  constructor(baseMs, maxMs, now = Date.now) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.now = now;
  }
  /** Records a failure; returns the wait before the next attempt. */
  fail() {
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    this.until = this.now() + delay;
    return delay;
  }
  succeed() {
    this.failures = 0;
    this.until = 0;
  }
  /** Whether an attempt may be made now. */
  ready() {
    return this.now() >= this.until;
  }
  /** Milliseconds until ready (0 when ready). */
  remaining() {
    return Math.max(0, this.until - this.now());
  }
  get failing() {
    return this.failures > 0;
  }
};

// dist/src/agent/daemon/db-watcher.js
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}
function databaseLocked(dbpath) {
  return existsSync(path.join(dbpath, "db.lck"));
}
function localDbSignature(dbpath) {
  if (databaseLocked(dbpath))
    return null;
  const local = path.join(dbpath, "local");
  const hash = createHash("sha1");
  hash.update(`dir ${mtime(local)}
`);
  let names = [];
  try {
    names = readdirSync(local).sort();
  } catch {
    names = [];
  }
  for (const n of names)
    hash.update(`${n} ${mtime(path.join(local, n, "desc"))}
`);
  return hash.digest("hex");
}
function syncDbSignature(dbpath) {
  const sync = path.join(dbpath, "sync");
  const hash = createHash("sha1");
  let names = [];
  try {
    names = readdirSync(sync).filter((n) => n.endsWith(".db")).sort();
  } catch {
    names = [];
  }
  for (const n of names) {
    try {
      const st = statSync(path.join(sync, n));
      hash.update(`${n} ${st.size} ${st.mtimeMs}
`);
    } catch {
      hash.update(`${n} gone
`);
    }
  }
  return hash.digest("hex");
}

// dist/src/agent/daemon/daemon.js
var RUNNABLE = /* @__PURE__ */ new Set(["sync_to_latest", "revert_to_previous"]);
var Daemon = class {
  s;
  stopping = false;
  /** The signal that stopped it, named in a failed operation's message. */
  stopReason = null;
  wake = null;
  queue;
  backoff;
  log;
  now;
  localSig = null;
  syncSig = null;
  nextHeartbeat = 0;
  nextPoll = 0;
  offlineSince = null;
  /** Operations that failed to start here for a reason a retry will not fix: not tried again. */
  given_up = /* @__PURE__ */ new Set();
  constructor(s, opts = {}) {
    this.s = s;
    this.queue = new ReportQueue(s.config.client.stateDir);
    this.log = opts.log ?? ((line) => process.stdout.write(`${line}
`));
    this.now = opts.now ?? Date.now;
    this.backoff = new Backoff(1e3, s.config.daemon.maxBackoff * 1e3, this.now);
  }
  /** Asks the loop to end after the current step (`reason`: the signal, for messages). */
  stop(reason) {
    this.stopping = true;
    this.stopReason ??= reason ?? null;
    this.wake?.();
  }
  get stopped() {
    return this.stopping;
  }
  async run() {
    const d = this.s.config.daemon;
    this.log(`pacsync daemon: endpoint ${this.s.config.client.endpointName} (${this.s.endpointId}), server ${this.s.client.baseUrl}; watching ${this.s.config.pacman.dbpath} every ${d.watchInterval} s, operations every ${d.pollInterval} s, heartbeat every ${d.heartbeatInterval} s`);
    const pending = this.queue.size;
    if (pending > 0)
      this.log(`${pending} queued report(s) from before will be sent first`);
    while (!this.stopping) {
      try {
        await this.tick();
      } catch (err) {
        this.log(`error: ${messageFor(err)}`);
      }
      if (this.stopping)
        break;
      await this.sleep(d.watchInterval * 1e3);
    }
    this.log("pacsync daemon: stopped");
  }
  sleep(ms) {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
  async tick() {
    await this.watch();
    if (this.stopping || !this.backoff.ready())
      return;
    try {
      await this.deliver();
      const now = this.now();
      if (now >= this.nextPoll) {
        await this.runPendingOperations();
        this.nextPoll = this.now() + this.s.config.daemon.pollInterval * 1e3;
        this.nextHeartbeat = this.now() + this.s.config.daemon.heartbeatInterval * 1e3;
      }
      if (this.now() >= this.nextHeartbeat) {
        await this.s.client.getEndpoint(this.s.endpointId);
        this.nextHeartbeat = this.now() + this.s.config.daemon.heartbeatInterval * 1e3;
      }
      this.reachable();
    } catch (err) {
      this.unreachable(err);
    }
  }
  /** Queues the state (and repositories) when pacman changed them since the last look. */
  async watch() {
    const dbpath = this.s.ctx.pacman.dbpath;
    const local = localDbSignature(dbpath);
    if (local === null)
      return;
    const sync = syncDbSignature(dbpath);
    if (local === this.localSig && sync === this.syncSig)
      return;
    const m = await readMachine(this.s.ctx);
    if (databaseLocked(dbpath))
      return;
    if (local !== this.localSig) {
      const state = await stateOfMachine(m, this.s.ctx);
      this.queue.push({ kind: "state", endpoint_id: this.s.endpointId, body: stateBody(state) });
      if (this.localSig !== null)
        this.log(`local database changed: state queued (${Object.keys(state.packages).length} packages)`);
    }
    if (sync !== this.syncSig) {
      this.queue.push({ kind: "repositories", endpoint_id: this.s.endpointId, body: await repositoriesOf(m) });
      if (this.syncSig !== null)
        this.log("sync databases changed: repositories queued");
    }
    this.localSig = local;
    this.syncSig = sync;
  }
  /** Replays the queue; throws the error that stopped it when the server cannot take it now. */
  async deliver() {
    if (!this.queue.exists())
      return;
    const r = await this.queue.replay(this.s.client);
    if (r.sent > 0)
      this.log(`sent ${r.sent} queued report(s)`);
    for (const dropped of r.dropped)
      this.log(`warning: the server refused a queued ${dropped.item.kind} report, dropped: ${dropped.reason}`);
    if (r.stoppedBy !== null)
      throw r.stoppedBy;
  }
  async runPendingOperations() {
    const page = await this.s.client.listOperations(this.s.endpointId, { status: "pending", limit: 20 });
    const ops = page.items.filter((o) => RUNNABLE.has(o.operation_type) && !this.given_up.has(o.id)).reverse();
    for (const op of ops) {
      if (this.stopping)
        return;
      await this.runOne(op);
    }
  }
  async runOne(op) {
    this.log(`operation ${op.id} (${op.operation_type}) started by the server`);
    await this.s.client.submitState(this.s.endpointId, stateBody(await captureState(this.s.ctx)));
    const display = await progressDisplay("plain");
    try {
      const r = await runOperation(op, null, {
        client: this.s.client,
        ctx: this.s.ctx,
        queue: this.queue,
        mode: "plain",
        display,
        yes: true,
        stopping: () => this.stopping ? this.stopReason ?? true : false,
        log: this.log
      });
      this.log(`operation ${op.id}: ${r.outcome.replace(/_/g, " ")}`);
    } catch (err) {
      if (isRetryable(err))
        throw err;
      this.log(`operation ${op.id} failed: ${messageFor(err)}`);
      if (err instanceof ApiError)
        this.given_up.add(op.id);
    } finally {
      display.stop();
      this.localSig = localDbSignature(this.s.ctx.pacman.dbpath) ?? this.localSig;
    }
  }
  reachable() {
    if (this.offlineSince !== null) {
      this.log(`server reachable again after ${Math.round((this.now() - this.offlineSince) / 1e3)} s`);
      this.offlineSince = null;
    }
    this.backoff.succeed();
  }
  unreachable(err) {
    const wait = this.backoff.fail();
    if (this.offlineSince === null)
      this.offlineSince = this.now();
    const queued = this.queue.size;
    this.log(`${isRetryable(err) ? "server unreachable" : "server refused"}: ${messageFor(err)}; ${queued} report(s) queued, retrying in ${Math.round(wait / 100) / 10} s`);
  }
};

// dist/src/agent/commands/daemon.action.js
async function runDaemon(cmd) {
  const abort = new AbortController();
  const session = sessionFor(commandConfig(cmd), { interactive: false, signal: abort.signal });
  const daemon = new Daemon(session);
  const onSignal = (signal) => {
    if (daemon.stopped) {
      process.stdout.write(`${signal} again: still finishing the current step (pacman is not interrupted)
`);
      return;
    }
    process.stdout.write(`${signal}: stopping after the current step
`);
    daemon.stop(signal);
    abort.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  try {
    await daemon.run();
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  }
}
export {
  runDaemon
};
