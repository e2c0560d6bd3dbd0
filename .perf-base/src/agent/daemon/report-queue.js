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
import { ApiError, isRetryable } from '../api-client.js';
import { tryLock, withLockSync } from './file-lock.js';
/**
 * More than this many queued state reports: the oldest are dropped (only the newest state of a
 * long outage matters for drift; operation results are never dropped).
 */
const MAX_STATE_REPORTS = 50;
export const QUEUE_FILE = 'report-queue.json';
/** Writers hold the lock for milliseconds: one untouched this long was left by a crash. */
const WRITE_LOCK_STALE_MS = 10_000;
/** A replay touches its lock after every report (each bounded by the request timeout). */
const REPLAY_LOCK_STALE_MS = 5 * 60_000;
export class ReportQueue {
    dir;
    file;
    lockFile;
    replayLockFile;
    constructor(dir) {
        this.dir = dir;
        this.file = path.join(dir, QUEUE_FILE);
        this.lockFile = `${this.file}.lock`;
        this.replayLockFile = `${this.file}.replay.lock`;
    }
    /** Runs a read-modify-write of the file holding the writers' lock. */
    locked(fn) {
        return withLockSync(this.lockFile, fn, { staleMs: WRITE_LOCK_STALE_MS });
    }
    /** Queued items, oldest first. */
    read() {
        let text;
        try {
            text = readFileSync(this.file, 'utf8');
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return [];
            throw err;
        }
        try {
            const items = JSON.parse(text);
            if (!Array.isArray(items))
                throw new Error('not a list');
            return items;
        }
        catch {
            renameSync(this.file, `${this.file}.bad`);
            return [];
        }
    }
    get size() {
        return this.read().length;
    }
    write(items) {
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
    push(report) {
        const item = { ...report, id: randomUUID(), queued_at: new Date().toISOString() };
        this.locked(() => {
            const items = this.read();
            items.push(item);
            let states = items.filter((i) => i.kind === 'state').length;
            const kept = items.filter((i) => !(i.kind === 'state' && states-- > MAX_STATE_REPORTS));
            this.write(kept);
        });
        return item;
    }
    exists() {
        return existsSync(this.file);
    }
    /** The replay lock, waiting up to `waitMs` while another process replays; null if still held. */
    async replayLock(waitMs) {
        const deadline = Date.now() + waitMs;
        for (;;) {
            const got = tryLock(this.replayLockFile, { staleMs: REPLAY_LOCK_STALE_MS });
            if ('release' in got)
                return got;
            if (Date.now() >= deadline)
                return null;
            await delay(50);
        }
    }
    /**
     * Sends queued items in order. Stops at the first retryable failure (leaving it and everything
     * after it queued); an item the server refuses for good is dropped so it cannot block the queue.
     * While another process replays, waits up to `waitMs` (default 0) for it to finish, then
     * returns `busy` without sending anything.
     */
    async replay(client, opts = {}) {
        const lock = await this.replayLock(opts.waitMs ?? 0);
        if (lock === null)
            return { sent: 0, dropped: [], stoppedBy: null, busy: true };
        try {
            return await this.replayLocked(client, lock);
        }
        finally {
            lock.release();
        }
    }
    async replayLocked(client, lock) {
        const result = { sent: 0, dropped: [], stoppedBy: null };
        for (;;) {
            const items = this.read();
            const item = items[0];
            if (item === undefined)
                return result;
            try {
                await send(client, item);
                result.sent++;
            }
            catch (err) {
                if (isRetryable(err) || (err instanceof ApiError && (err.status === 401 || err.status === 403))) {
                    // Unreachable, or our key is refused: keep everything for later.
                    result.stoppedBy = err;
                    return result;
                }
                result.dropped.push({ item, reason: err instanceof Error ? err.message : String(err) });
            }
            // Re-read: the file may have grown while we sent (another agent command queued something).
            this.locked(() => this.write(this.read().filter((i) => i.id !== item.id)));
            lock.touch();
        }
    }
}
async function send(client, item) {
    switch (item.kind) {
        case 'state':
            await client.submitState(item.endpoint_id, item.body);
            return;
        case 'repositories':
            await client.submitRepositories(item.endpoint_id, item.body);
            return;
        case 'progress':
            await client.progress(item.operation_id, item.body);
            return;
        case 'complete':
            await client.complete(item.operation_id, item.body);
            return;
        case 'fail':
            await client.fail(item.operation_id, item.body);
            return;
    }
}
//# sourceMappingURL=report-queue.js.map