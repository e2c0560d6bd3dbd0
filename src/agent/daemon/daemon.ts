// `pacsync daemon`: keeps the server informed and carries out what it asks (README "Agent
// (`pacsync`)").
//
// One loop, ticking every watch interval:
//   watch      the local database's signature (db-watcher.ts) changed → the new state goes to the
//              report queue; the sync databases changed → the repositories too. The pacman hook
//              (nudge.ts) wakes the loop at once; pacman still holds its lock while hooks run, so
//              after a nudge the loop looks again every NUDGE_RETRY_MS until the lock is gone
//   deliver    the queue is replayed in order (report-queue.ts); while the server is unreachable
//              reports stay queued (on disk) and retries back off exponentially up to max_backoff
//   heartbeat  an authenticated request every heartbeat interval keeps the endpoint online
//   operations pending sync/revert operations the server started (UI "sync now", pool "sync
//              all", schedules) are run through the same code path as `pacsync sync`/`revert`
//   recovery   once, when the server is first reached: this endpoint's operations still
//              in_progress that no agent process here runs (no operation.lock holder, no result
//              queued) were cut off — the machine rebooted or the agent was killed mid-sync — and
//              are failed by the daemon itself, with the state the machine is really in
//
// Stopping (SIGTERM/SIGINT → stop()): the loop ends after the current step. An operation whose
// pacman transaction has begun is finished (interrupting pacman is what leaves a database
// half-changed); one still preparing is abandoned before its transaction starts, and no new one
// is started. The unit file sends SIGTERM to the daemon only (KillMode=mixed), not to pacman.
import type { OperationView } from '../../contracts/operation.contract.js';
import { printable } from '../../core/printable.js';
import { ApiError, isRetryable } from '../api-client.js';
import { messageFor } from '../errors.js';
import { captureState, repositoriesOf, stateBody } from '../reporting.js';
import { dbLockState } from '../pacman/db-lock.js';
import { readMachine, stateOfMachine } from '../pacman/machine-state.js';
import type { Session } from '../session.js';
import { kindOf } from '../sync/server-plan.js';
import { syncMachine } from '../sync/sync-pipeline.js';
import { Backoff } from './backoff.js';
import { databaseLocked, localDbSignature, syncDbSignature } from './db-watcher.js';
import { listenForNudges } from '../state-dir/nudge.js';
import { operationRunning } from '../state-dir/operation-lock.js';
import { ReportQueue } from '../state-dir/report-queue.js';

/** Operation types the daemon carries out; others (set_as_latest, analyses) are not the agent's. */
const RUNNABLE = new Set(['sync_to_latest', 'revert_to_previous']);

/** After a hook's nudge, how often the locked database is looked at again, and for how long. */
const NUDGE_RETRY_MS = 200;
const NUDGE_WINDOW_MS = 60_000;

export interface DaemonOptions {
  log?: (line: string) => void;
  now?: () => number;
}

export class Daemon {
  private stopping = false;
  /** The signal that stopped it, named in a failed operation's message. */
  private stopReason: string | null = null;
  private wake: (() => void) | null = null;
  private readonly queue: ReportQueue;
  private readonly backoff: Backoff;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private localSig: string | null = null;
  private syncSig: string | null = null;
  private nextHeartbeat = 0;
  private nextPoll = 0;
  private offlineSince: number | null = null;
  /** Until when a hook's nudge asks for quick looks while pacman still holds its lock. */
  private nudgedUntil = 0;
  /** The last look found the local database locked (pacman at work). */
  private lockedAtLastLook = false;
  /** Operations that failed to start here for a reason a retry will not fix: not tried again. */
  private readonly given_up = new Set<string>();
  /** Operations cut off before this daemon started have been looked for (failInterrupted). */
  private recovered = false;

  constructor(
    private readonly s: Session,
    opts: DaemonOptions = {},
  ) {
    this.queue = new ReportQueue(s.config.client.stateDir);
    this.log = opts.log ?? ((line) => process.stdout.write(`${printable(line)}\n`));
    this.now = opts.now ?? Date.now;
    this.backoff = new Backoff(1000, s.config.daemon.maxBackoff * 1000, this.now);
  }

  /** Asks the loop to end after the current step (`reason`: the signal, for messages). */
  stop(reason?: string): void {
    this.stopping = true;
    this.stopReason ??= reason ?? null;
    this.wake?.();
  }

  get stopped(): boolean {
    return this.stopping;
  }

  async run(): Promise<void> {
    const d = this.s.config.daemon;
    this.log(
      `pacsync daemon: endpoint ${this.s.config.client.endpointName} (${this.s.endpointId}), server ${this.s.client.baseUrl}; ` +
        `watching ${this.s.config.pacman.dbpath} every ${d.watchInterval} s, operations ` +
        `every ${d.pollInterval} s, heartbeat every ${d.heartbeatInterval} s`,
    );
    const pending = this.queue.size;
    if (pending > 0) this.log(`${pending} queued report(s) from before will be sent first`);
    const nudges = await listenForNudges(this.s.config.client.stateDir, () => this.nudge(), this.log);
    try {
      while (!this.stopping) {
        try {
          await this.tick();
        } catch (err) {
          // A damaged database file, a full disk…: say so and keep going; the next tick retries.
          this.log(`error: ${messageFor(err)}`);
        }
        if (this.stopping) break;
        const quick = this.lockedAtLastLook && this.now() < this.nudgedUntil;
        await this.sleep(quick ? NUDGE_RETRY_MS : d.watchInterval * 1000);
      }
    } finally {
      await nudges?.close();
    }
    this.log('pacsync daemon: stopped');
  }

  /** The pacman hook says the local database changed: look now (and soon again while locked). */
  nudge(): void {
    this.nudgedUntil = this.now() + NUDGE_WINDOW_MS;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async tick(): Promise<void> {
    await this.watch();
    if (this.stopping || !this.backoff.ready()) return;
    try {
      await this.deliver();
      if (!this.recovered) await this.failInterrupted();
      const now = this.now();
      if (now >= this.nextPoll) {
        await this.runPendingOperations();
        this.nextPoll = this.now() + this.s.config.daemon.pollInterval * 1000;
        this.nextHeartbeat = this.now() + this.s.config.daemon.heartbeatInterval * 1000; // listing was contact enough
      }
      if (this.now() >= this.nextHeartbeat) {
        await this.s.client.getEndpoint(this.s.endpointId);
        this.nextHeartbeat = this.now() + this.s.config.daemon.heartbeatInterval * 1000;
      }
      this.reachable();
    } catch (err) {
      this.unreachable(err);
    }
  }

  /** Queues the state (and repositories) when pacman changed them since the last look. */
  private async watch(): Promise<void> {
    const dbpath = this.s.ctx.pacman.dbpath;
    const local = localDbSignature(dbpath);
    this.lockedAtLastLook = local === null;
    if (local === null) return; // pacman is at work: look again next tick
    const sync = syncDbSignature(dbpath);
    if (local === this.localSig && sync === this.syncSig) return;
    const m = await readMachine(this.s.ctx);
    // pacman started meanwhile: what we read may be half-done
    this.lockedAtLastLook = databaseLocked(dbpath);
    if (this.lockedAtLastLook) return;
    if (local !== this.localSig) {
      const state = await stateOfMachine(m, this.s.ctx);
      this.queue.push({ kind: 'state', endpoint_id: this.s.endpointId, body: stateBody(state) });
      if (this.localSig !== null) this.log(`local database changed: state queued (${Object.keys(state.packages).length} packages)`);
    }
    if (sync !== this.syncSig) {
      this.queue.push({ kind: 'repositories', endpoint_id: this.s.endpointId, body: await repositoriesOf(m) });
      if (this.syncSig !== null) this.log('sync databases changed: repositories queued');
    }
    this.localSig = local;
    this.syncSig = sync;
  }

  /** Replays the queue; throws the error that stopped it when the server cannot take it now. */
  private async deliver(): Promise<void> {
    if (!this.queue.exists()) return;
    const r = await this.queue.replay(this.s.client);
    if (r.sent > 0) this.log(`sent ${r.sent} queued report(s)`);
    for (const dropped of r.dropped) this.log(`warning: the server refused a queued ${dropped.item.kind} report, dropped: ${dropped.reason}`);
    if (r.stoppedBy !== null) throw r.stoppedBy;
  }

  private async runPendingOperations(): Promise<void> {
    const page = await this.s.client.listOperations(this.s.endpointId, { status: 'pending', limit: 20 });
    const ops = page.items.filter((o) => RUNNABLE.has(o.operation_type) && !this.given_up.has(o.id)).reverse(); // oldest first
    for (const op of ops) {
      if (this.stopping) return;
      await this.runOne(op);
    }
  }

  private async runOne(op: OperationView): Promise<void> {
    this.log(`operation ${op.id} (${op.operation_type}) started by the server`);
    let planning = false; // past the report: what fails now fails the operation
    try {
      // The same pipeline as `pacsync sync --yes`: this machine is read and reported first (the
      // plan was computed from our last report, which must be what we have now), and the plan is
      // the operation's own.
      const r = await syncMachine({
        what: kindOf(op),
        client: this.s.client,
        endpointId: this.s.endpointId,
        ctx: this.s.ctx,
        queue: this.queue,
        mode: 'plain',
        log: this.log,
        ask: async () => {
          planning = true;
          return { operation: op, plan: null };
        },
        yes: true,
        dryRun: false,
        stopping: () => (this.stopping ? (this.stopReason ?? true) : false),
      });
      this.log(`operation ${op.id}: ${r.outcome.replace(/_/g, ' ')}`);
    } catch (err) {
      // Reading or reporting the machine failed: the tick's error, the operation untouched. And
      // unreachable before anything ran: the operation stays pending.
      if (!planning || isRetryable(err)) throw err;
      this.log(`operation ${op.id} failed: ${messageFor(err)}`);
      if (err instanceof ApiError) this.given_up.add(op.id);
    } finally {
      // Our own changes are reported with the operation's result: do not report them twice.
      if (planning) this.localSig = localDbSignature(this.s.ctx.pacman.dbpath) ?? this.localSig;
    }
  }

  /**
   * Fails this endpoint's in-progress sync/revert operations that nothing here is carrying out
   * any more (see the file comment), each with the state reached. Waits while pacman itself holds
   * its lock (the state is changing) or another agent process holds the operation lock.
   */
  private async failInterrupted(): Promise<void> {
    const dbpath = this.s.ctx.pacman.dbpath;
    const lock = dbLockState(dbpath);
    if (lock.state === 'held' || lock.state === 'unknown') return; // look again next tick
    if (operationRunning(this.s.config.client.stateDir) !== null) {
      this.recovered = true; // a `pacsync sync` here drives its own operation to its end
      return;
    }
    const page = await this.s.client.listOperations(this.s.endpointId, { status: 'in_progress', limit: 20 });
    const queued = new Set(this.queue.read().flatMap((i) => (i.kind === 'complete' || i.kind === 'fail' ? [i.operation_id] : [])));
    const cut = page.items.filter((o) => RUNNABLE.has(o.operation_type) && !queued.has(o.id));
    if (cut.length > 0) {
      const state = stateBody(await captureState(this.s.ctx));
      const pacmanToo =
        lock.state === 'stale'
          ? `; pacman was interrupted too (it left ${dbpath}/db.lck, which no process holds: removed before the next pacman step)`
          : '';
      for (const op of cut) {
        const error_message =
          `the agent stopped while this ${op.operation_type} was running (the machine restarted or ` +
          `the agent was killed)${pacmanToo}; the state reached is reported: sync again to finish`;
        this.queue.push({ kind: 'fail', operation_id: op.id, body: { error_message, state } });
        this.log(`operation ${op.id} (${op.operation_type}) was cut off before this start: failed, with the state reached`);
      }
      await this.deliver();
    }
    this.recovered = true;
  }

  private reachable(): void {
    if (this.offlineSince !== null) {
      this.log(`server reachable again after ${Math.round((this.now() - this.offlineSince) / 1000)} s`);
      this.offlineSince = null;
    }
    this.backoff.succeed();
  }

  private unreachable(err: unknown): void {
    const wait = this.backoff.fail();
    if (this.offlineSince === null) this.offlineSince = this.now();
    const queued = this.queue.size;
    this.log(
      `${isRetryable(err) ? 'server unreachable' : 'server refused'}: ${messageFor(err)}; ${queued} ` +
        `report(s) queued, retrying in ${Math.round(wait / 100) / 10} s`,
    );
  }
}
