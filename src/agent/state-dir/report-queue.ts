// Reports the server has not received yet, kept in a JSON file (`<state dir>/report-queue.json`,
// mode 0600) so that nothing is lost while the server is unreachable — not even across a restart
// of the agent. Replayed in order: a state report queued before an operation result reaches the
// server before it. The file is replaced atomically; a damaged file is set aside (renamed with a
// `.bad` suffix) rather than blocking the agent forever.
//
// Two processes use it at once (a `pacsync` command and the daemon): every read-modify-write holds
// `report-queue.json.lock` (file-lock.ts), so that no report one of them adds is lost to the
// other's rewrite; and one process at a time replays (`report-queue.json.replay.lock`), so that a
// report is not sent twice.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ApiClient } from '../api-client.js';
import { ApiError, isRetryable } from '../api-client.js';
import type { CompleteBody, FailBody, ProgressBody } from '../../contracts/operation.contract.js';
import type { RepositoriesReportBody, StateReportBody } from '../../contracts/package.contract.js';
import { reportRepositories } from '../repositories-report.js';
import { AcknowledgedState, reportState } from '../state-report.js';
import { tryLock, withLockSync, type Lock } from './file-lock.js';

/**
 * `idempotency_key`: sent as `Idempotency-Key` on every attempt (given by whoever tried to send
 * it first, else the queue item's id), so a report the server took before its answer was lost
 * is not taken twice. The repositories report replaces the whole previous one: idempotent as is.
 */
export type QueuedReport = (
  | { kind: 'state'; endpoint_id: string; body: StateReportBody }
  | { kind: 'repositories'; endpoint_id: string; body: RepositoriesReportBody }
  | { kind: 'progress'; operation_id: string; body: ProgressBody }
  | { kind: 'complete'; operation_id: string; body: CompleteBody }
  | { kind: 'fail'; operation_id: string; body: FailBody }
) & { idempotency_key?: string };

export type QueueItem = QueuedReport & { id: string; queued_at: string };

/**
 * How many queued reports of a kind are kept, the newest; operation results are never dropped.
 * States: only the newest of a long outage matter for drift. Repositories: each report replaces
 * the whole previous one on the server (and may be several MB), so only the newest is worth
 * sending — the daemon queues one every time the sync databases change.
 */
const KEEP_NEWEST: Partial<Record<QueuedReport['kind'], number>> = { state: 50, repositories: 1 };

export const QUEUE_FILE = 'report-queue.json';

/** Writers hold the lock for milliseconds: one untouched this long was left by a crash. */
const WRITE_LOCK_STALE_MS = 10_000;
/** A replay touches its lock after every report (each bounded by the request timeout). */
const REPLAY_LOCK_STALE_MS = 5 * 60_000;

export interface ReplayResult {
  sent: number;
  /** Refused by the server for good (e.g. an operation cancelled meanwhile): dropped, with why. */
  dropped: { item: QueueItem; reason: string }[];
  /** The error that stopped the replay (server unreachable), or null when the queue is empty. */
  stoppedBy: unknown;
  /** Another process was replaying (and still is, after `waitMs`): nothing was sent here. */
  busy?: boolean;
}

export class ReportQueue {
  readonly file: string;
  private readonly lockFile: string;
  private readonly replayLockFile: string;
  /** The state hash the server last acknowledged, kept beside the queue (state-report.ts). */
  readonly acknowledged: AcknowledgedState;

  constructor(readonly dir: string) {
    this.file = path.join(dir, QUEUE_FILE);
    this.lockFile = `${this.file}.lock`;
    this.replayLockFile = `${this.file}.replay.lock`;
    this.acknowledged = new AcknowledgedState(dir);
  }

  /** Runs a read-modify-write of the file holding the writers' lock. */
  private locked<T>(fn: () => T): T {
    return withLockSync(this.lockFile, fn, { staleMs: WRITE_LOCK_STALE_MS });
  }

  /** Queued items, oldest first. */
  read(): QueueItem[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      const items = JSON.parse(text) as unknown;
      if (!Array.isArray(items)) throw new Error('not a list');
      return items as QueueItem[];
    } catch {
      renameSync(this.file, `${this.file}.bad`);
      return [];
    }
  }

  get size(): number {
    return this.read().length;
  }

  private write(items: QueueItem[]): void {
    if (items.length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(items), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }

  push(report: QueuedReport): QueueItem {
    const id = randomUUID();
    const item: QueueItem = { ...report, idempotency_key: report.idempotency_key ?? id, id, queued_at: new Date().toISOString() };
    this.locked(() => {
      const items = this.read();
      items.push(item);
      // How many of each capped kind are too many: the oldest that many go.
      const excess = new Map<string, number>();
      for (const [kind, keep] of Object.entries(KEEP_NEWEST)) excess.set(kind, items.filter((i) => i.kind === kind).length - keep);
      this.write(
        items.filter((i) => {
          const over = excess.get(i.kind) ?? 0;
          if (over <= 0) return true;
          excess.set(i.kind, over - 1);
          return false;
        }),
      );
    });
    return item;
  }

  exists(): boolean {
    return existsSync(this.file);
  }

  /** The replay lock, waiting up to `waitMs` while another process replays; null if still held. */
  private async replayLock(waitMs: number): Promise<Lock | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const got = tryLock(this.replayLockFile, { staleMs: REPLAY_LOCK_STALE_MS });
      if ('release' in got) return got;
      if (Date.now() >= deadline) return null;
      await delay(50);
    }
  }

  /**
   * Sends queued items in order. Stops at the first retryable failure (leaving it and everything
   * after it queued); an item the server refuses for good is dropped so it cannot block the queue.
   * While another process replays, waits up to `waitMs` (default 0) for it to finish, then
   * returns `busy` without sending anything.
   */
  async replay(client: ApiClient, opts: { waitMs?: number } = {}): Promise<ReplayResult> {
    const lock = await this.replayLock(opts.waitMs ?? 0);
    if (lock === null) return { sent: 0, dropped: [], stoppedBy: null, busy: true };
    try {
      return await this.replayLocked(client, lock);
    } finally {
      lock.release();
    }
  }

  private async replayLocked(client: ApiClient, lock: Lock): Promise<ReplayResult> {
    const result: ReplayResult = { sent: 0, dropped: [], stoppedBy: null };
    let items = this.read();
    for (;;) {
      const item = items[0];
      if (item === undefined) return result;
      try {
        await sendReport(client, item, this.acknowledged);
        result.sent++;
      } catch (err) {
        if (isRetryable(err) || (err instanceof ApiError && (err.status === 401 || err.status === 403))) {
          // Unreachable, or our key is refused: keep everything for later.
          result.stoppedBy = err;
          return result;
        }
        result.dropped.push({ item, reason: err instanceof Error ? err.message : String(err) });
      }
      // Re-read: the file may have grown while we sent (another agent command queued something).
      items = this.locked(() => {
        const rest = this.read().filter((i) => i.id !== item.id);
        this.write(rest);
        return rest;
      });
      lock.touch();
    }
  }
}

/** `report` with its idempotency key (a new one when it has none yet): give it before the first attempt. */
export function withIdempotencyKey<T extends QueuedReport>(report: T): T & { idempotency_key: string } {
  return { ...report, idempotency_key: report.idempotency_key ?? randomUUID() };
}

/**
 * Sends one report to the server (the same call whether it was queued or not); a state only as its
 * hash when `acknowledged` says the server has it (state-report.ts).
 */
export async function sendReport(client: ApiClient, item: QueuedReport | QueueItem, acknowledged: AcknowledgedState | null = null): Promise<void> {
  // Items queued by an older agent have no key: their queue id serves.
  const key = item.idempotency_key ?? ('id' in item ? item.id : undefined);
  const opts = key === undefined ? {} : { idempotencyKey: key };
  switch (item.kind) {
    case 'state':
      await reportState(client, item.endpoint_id, item.body, acknowledged, opts);
      return;
    case 'repositories':
      await reportRepositories(client, item.endpoint_id, item.body);
      return;
    case 'progress':
      await client.progress(item.operation_id, item.body, opts);
      return;
    case 'complete':
      await client.complete(item.operation_id, item.body, opts);
      return;
    case 'fail':
      await client.fail(item.operation_id, item.body, opts);
      return;
  }
}
