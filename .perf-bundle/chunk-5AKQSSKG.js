import {
  ApiError,
  isRetryable
} from "./chunk-ILHKZIDB.js";
import {
  CliError
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/daemon/report-queue.js
import { randomUUID as randomUUID2 } from "node:crypto";
import { chmodSync, existsSync, mkdirSync as mkdirSync2, readFileSync as readFileSync2, renameSync as renameSync2, rmSync as rmSync2, writeFileSync } from "node:fs";
import path2 from "node:path";
import { setTimeout as delay } from "node:timers/promises";

// dist/src/agent/daemon/file-lock.js
import { randomUUID } from "node:crypto";
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import path from "node:path";
var ours = /* @__PURE__ */ new Set();
function readHolder(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const [pid, token] = text.trim().split(" ");
  const holder = pid && token ? { pid: Number(pid), token } : null;
  return { text, holder: holder && Number.isInteger(holder.pid) && holder.pid > 0 ? holder : null };
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function stale(file, seen, opts) {
  const staleMs = opts.staleMs ?? Number.POSITIVE_INFINITY;
  let age;
  try {
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    return false;
  }
  if (seen.holder === null)
    return age > Math.min(staleMs, 5e3);
  if (age > staleMs)
    return true;
  if (seen.holder.pid === process.pid)
    return !ours.has(seen.holder.token);
  return !alive(seen.holder.pid);
}
function breakLock(file, staleText) {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  let text = "";
  try {
    text = readFileSync(aside, "utf8");
  } catch {
  }
  if (text !== staleText && text !== "") {
    try {
      linkSync(aside, file);
    } catch {
    }
  }
  rmSync(aside, { force: true });
}
function tryLock(file, opts = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = randomUUID();
    try {
      const fd = openSync(file, "wx", 384);
      ours.add(token);
      try {
        writeSync(fd, `${process.pid} ${token}
`);
      } finally {
        closeSync(fd);
      }
      const mine = () => readHolder(file)?.holder?.token === token;
      return {
        release: () => {
          if (mine())
            rmSync(file, { force: true });
          ours.delete(token);
        },
        touch: () => {
          const now = /* @__PURE__ */ new Date();
          if (mine())
            utimesSync(file, now, now);
        }
      };
    } catch (err) {
      const code = err.code;
      if (code === "ENOENT") {
        mkdirSync(path.dirname(file), { recursive: true, mode: 448 });
        continue;
      }
      if (code !== "EEXIST")
        throw err;
    }
    const seen = readHolder(file);
    if (seen === null)
      continue;
    if (!stale(file, seen, opts))
      return { heldBy: seen.holder?.pid ?? 0 };
    breakLock(file, seen.text);
  }
  return { heldBy: readHolder(file)?.holder?.pid ?? 0 };
}
function withLockSync(file, fn, opts = {}) {
  const deadline = Date.now() + (opts.timeoutMs ?? 1e4);
  let wait = 2;
  for (; ; ) {
    const got = tryLock(file, opts);
    if ("release" in got) {
      try {
        return fn();
      } finally {
        got.release();
      }
    }
    if (Date.now() >= deadline) {
      const who = got.heldBy > 0 ? `process ${got.heldBy}` : "another process";
      throw new CliError(`${file} is locked by ${who}: if no pacsync is running, remove the file`);
    }
    sleepSync(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
}

// dist/src/agent/daemon/report-queue.js
var MAX_STATE_REPORTS = 50;
var QUEUE_FILE = "report-queue.json";
var WRITE_LOCK_STALE_MS = 1e4;
var REPLAY_LOCK_STALE_MS = 5 * 6e4;
var ReportQueue = class {
  dir;
  file;
  lockFile;
  replayLockFile;
  constructor(dir) {
    this.dir = dir;
    this.file = path2.join(dir, QUEUE_FILE);
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
      text = readFileSync2(this.file, "utf8");
    } catch (err) {
      if (err.code === "ENOENT")
        return [];
      throw err;
    }
    try {
      const items = JSON.parse(text);
      if (!Array.isArray(items))
        throw new Error("not a list");
      return items;
    } catch {
      renameSync2(this.file, `${this.file}.bad`);
      return [];
    }
  }
  get size() {
    return this.read().length;
  }
  write(items) {
    if (items.length === 0) {
      rmSync2(this.file, { force: true });
      return;
    }
    mkdirSync2(this.dir, { recursive: true, mode: 448 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(items), { mode: 384 });
    chmodSync(tmp, 384);
    renameSync2(tmp, this.file);
  }
  push(report) {
    const item = { ...report, id: randomUUID2(), queued_at: (/* @__PURE__ */ new Date()).toISOString() };
    this.locked(() => {
      const items = this.read();
      items.push(item);
      let states = items.filter((i) => i.kind === "state").length;
      const kept = items.filter((i) => !(i.kind === "state" && states-- > MAX_STATE_REPORTS));
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
    for (; ; ) {
      const got = tryLock(this.replayLockFile, { staleMs: REPLAY_LOCK_STALE_MS });
      if ("release" in got)
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
    } finally {
      lock.release();
    }
  }
  async replayLocked(client, lock) {
    const result = { sent: 0, dropped: [], stoppedBy: null };
    for (; ; ) {
      const items = this.read();
      const item = items[0];
      if (item === void 0)
        return result;
      try {
        await send(client, item);
        result.sent++;
      } catch (err) {
        if (isRetryable(err) || err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          result.stoppedBy = err;
          return result;
        }
        result.dropped.push({ item, reason: err instanceof Error ? err.message : String(err) });
      }
      this.locked(() => this.write(this.read().filter((i) => i.id !== item.id)));
      lock.touch();
    }
  }
};
async function send(client, item) {
  switch (item.kind) {
    case "state":
      await client.submitState(item.endpoint_id, item.body);
      return;
    case "repositories":
      await client.submitRepositories(item.endpoint_id, item.body);
      return;
    case "progress":
      await client.progress(item.operation_id, item.body);
      return;
    case "complete":
      await client.complete(item.operation_id, item.body);
      return;
    case "fail":
      await client.fail(item.operation_id, item.body);
      return;
  }
}

export {
  ReportQueue
};
