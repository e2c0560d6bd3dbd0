// Helpers of the fleet driver (fleet.ts): its worker processes, the server's CPU and RSS from
// /proc, merging the workers' statistics, and small admin API calls.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emptyHistogram, merge } from './histogram.js';
import type { KindStats, WorkerMessage, WorkerStats } from './protocol.js';

const WORKER = fileURLToPath(new URL('./agent-worker.ts', import.meta.url));
const TICKS_PER_SECOND = 100; // USER_HZ
const PAGE_BYTES = 4096;

export interface Worker {
  child: ChildProcess;
  next(type: WorkerMessage['type']): Promise<WorkerMessage>;
}

export function startWorker(): Promise<Worker> {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: { type: string; resolve: (m: WorkerMessage) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (m: WorkerMessage) => {
    if (m.type === 'failed') for (const w of waiting.splice(0)) w.reject(new Error(`fleet worker failed: ${m.error}`));
    const i = waiting.findIndex((w) => w.type === m.type);
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(m);
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`fleet worker exited (${code}) while waiting for ${w.type}`));
  });
  const next = (type: WorkerMessage['type']) => new Promise<WorkerMessage>((resolve, reject) => waiting.push({ type, resolve, reject }));
  const worker = { child, next };
  return next('online').then(() => worker);
}

export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export function rssBytes(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[21]) * PAGE_BYTES;
}

export function mergeStats(parts: WorkerStats[]): WorkerStats {
  const out: WorkerStats = {
    kinds: {},
    hash: { accepted: 0, unknown: 0, unsupported: 0 },
    upgrades: 0,
    skippedBusy: 0,
    unansweredAtStop: 0,
    fullReports: 0,
    stateIds: [],
  };
  for (const s of parts) {
    for (const [name, k] of Object.entries(s.kinds)) {
      const into: KindStats = (out.kinds[name] ??= { latency: emptyHistogram(), ok: 0, errors: {}, statuses: {} });
      merge(into.latency, k.latency);
      into.ok += k.ok;
      for (const [key, n] of Object.entries(k.statuses)) into.statuses[key] = (into.statuses[key] ?? 0) + n;
      for (const [status, n] of Object.entries(k.errors)) into.errors[Number(status)] = (into.errors[Number(status)] ?? 0) + n;
    }
    out.hash.accepted += s.hash.accepted;
    out.hash.unknown += s.hash.unknown;
    out.hash.unsupported += s.hash.unsupported;
    out.upgrades += s.upgrades;
    out.skippedBusy += s.skippedBusy;
    out.unansweredAtStop += s.unansweredAtStop;
    out.fullReports += s.fullReports;
    for (const id of s.stateIds) out.stateIds.push(id);
  }
  return out;
}

export async function api(url: string, key: string, method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: unknown; error?: { message?: string } };
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${json.error?.message ?? ''}`);
  return json.data;
}
