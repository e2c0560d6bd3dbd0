// The reliability suite's collector. Every test file of `npm run test:reliability` records what it
// did into a Recorder; the suite's reporter (reporter.ts) adds up every file's records at the end,
// prints the report, writes reliability-report.json and fails the run when a must-be-zero figure
// is not zero. A section added later (soak, crash/restart, agent faults) does the same:
//
//   const rec = recorder('soak');            // one per test file (flushed in its afterAll)
//   rec.request(res.statusCode, code);       // every request it sent
//   rec.fault('sigkill', survived);          // every fault injected
//   rec.lost(n); rec.duplicates(n);          // reports missing / stored twice afterwards
//   rec.memory(samples);                     // RSS samples, for the slope
//
// Records go to one JSON file per recorder under test-results/reliability/records (workers are
// separate processes); global-setup.ts empties that folder at the start of a run.
import { appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the records go (RELIABILITY_RECORD_DIR overrides it: the harness's own test uses a scratch one). */
export const RECORD_DIR = process.env.RELIABILITY_RECORD_DIR ?? path.join(ROOT, 'test-results', 'reliability', 'records');
/** Every log the suite's servers wrote (one file per app or process); the reporter greps them. */
export const LOG_DIR = path.join(path.dirname(RECORD_DIR), 'logs');
/** The report file (RELIABILITY_REPORT_FILE overrides it). */
export const REPORT_FILE = process.env.RELIABILITY_REPORT_FILE ?? path.join(ROOT, 'reliability-report.json');

/** `RELIABILITY_SCALE`: short (CI, a few minutes) or full (the whole proof, ≤ 20 minutes). */
export type Scale = 'short' | 'full';
export function scale(): Scale {
  const s = process.env.RELIABILITY_SCALE ?? 'short';
  if (s !== 'short' && s !== 'full') throw new Error(`RELIABILITY_SCALE must be short or full, not ${s}`);
  return s;
}
/** `short` at the short scale, `full` at the full one. */
export function scaled<T>(short: T, full: T): T {
  return scale() === 'full' ? full : short;
}

export interface MemorySample {
  /** Milliseconds since the section started. */
  t: number;
  rss: number;
  heapUsed?: number;
  handles?: number;
}

export interface MemorySeries {
  label: string;
  samples: MemorySample[];
  /** Fail the run when the slope after warm-up exceeds this (bytes per minute); none: report only. */
  limitBytesPerMinute?: number;
}

/** What one recorder collected; the reporter adds these up (see reporter.ts). */
export interface SectionRecord {
  section: string;
  file: string;
  requests: { sent: number; accepted: number; refused: Record<string, number>; serverErrors: number; serverErrorSamples: string[] };
  faults: Record<string, { injected: number; survived: number }>;
  reportsLost: number;
  duplicates: number;
  /** A refused request (4xx) after which some table's row count or checksum differed. */
  refusedWithWrites: number;
  refusedWithWritesSamples: string[];
  fuzz: { routes: Record<string, number>; readers: Record<string, number> };
  /** Reader cases that ended in something else than the reader's typed error or a result. */
  readerCrashes: number;
  readerCrashSamples: string[];
  authorisation: Record<string, number>;
  /** Other security checks passed, by kind (static escapes, headers × routes, TLS, bursts…). */
  security: Record<string, number>;
  memory: MemorySeries[];
  /** Every API key secret the section created or was handed; none may appear in any log. */
  secrets: string[];
  notes: string[];
}

let fileSeq = 0;

export interface Recorder {
  readonly data: SectionRecord;
  /**
   * One request answered with `status`; `reason` (an error code) for refusals. `expected`: a
   * 503/507 that the fault under test makes the right answer (the database down, the disk full) —
   * counted as a refusal by its code, not as a server error.
   */
  request(status: number, reason?: string, sample?: string, opts?: { expected?: boolean }): void;
  fault(kind: string, survived: boolean): void;
  lost(n: number): void;
  duplicates(n: number): void;
  refusedWithWrites(sample: string): void;
  fuzzRoute(route: string, cases?: number): void;
  fuzzReader(reader: string, cases?: number): void;
  readerCrash(sample: string): void;
  authorisation(kind: string, cases?: number): void;
  /** `cases` security checks of `kind` made (each a request whose answer was checked). */
  security(kind: string, cases?: number): void;
  memory(series: MemorySeries): void;
  /** An API key secret this section created or received (checked against every log at the end). */
  secret(key: string): void;
  /** Every `psk_…` secret in `text` (a response body), as secret(). */
  secretsIn(text: string): void;
  /** A log sink for an app (TestAppOptions.logSink) or a process's output: lines go to LOG_DIR. */
  logSink(label: string): (line: string) => void;
  note(text: string): void;
  /** Writes the record now (also done in the file's afterAll). */
  flush(): void;
}

const SAMPLES = 20;

/** A recorder for `section`, written when the test file ends. Call it at the top of a test file. */
export function recorder(section: string, options: { autoFlush?: boolean } = {}): Recorder {
  fileSeq += 1;
  const out = path.join(RECORD_DIR, `${section.replace(/[^\w.-]/g, '_')}-${process.pid}-${fileSeq}.json`);
  const data: SectionRecord = {
    section,
    file: process.env.VITEST_TEST_PATH ?? '',
    requests: { sent: 0, accepted: 0, refused: {}, serverErrors: 0, serverErrorSamples: [] },
    faults: {},
    reportsLost: 0,
    duplicates: 0,
    refusedWithWrites: 0,
    refusedWithWritesSamples: [],
    fuzz: { routes: {}, readers: {} },
    readerCrashes: 0,
    readerCrashSamples: [],
    authorisation: {},
    security: {},
    memory: [],
    secrets: [],
    notes: [],
  };
  const secrets = new Set<string>();
  const add = (m: Record<string, number>, k: string, n: number) => (m[k] = (m[k] ?? 0) + n);
  const sample = (list: string[], s: string) => list.length < SAMPLES && list.push(s.slice(0, 2000));
  const rec: Recorder = {
    data,
    request(status, reason, s, opts = {}) {
      data.requests.sent += 1;
      if (status >= 500 && !opts.expected) {
        data.requests.serverErrors += 1;
        if (s) sample(data.requests.serverErrorSamples, s);
      } else if (status >= 400) add(data.requests.refused, reason ?? String(status), 1);
      else data.requests.accepted += 1;
    },
    fault(kind, survived) {
      const f = (data.faults[kind] ??= { injected: 0, survived: 0 });
      f.injected += 1;
      if (survived) f.survived += 1;
    },
    lost: (n) => void (data.reportsLost += n),
    duplicates: (n) => void (data.duplicates += n),
    refusedWithWrites(s) {
      data.refusedWithWrites += 1;
      sample(data.refusedWithWritesSamples, s);
    },
    fuzzRoute: (route, n = 1) => void add(data.fuzz.routes, route, n),
    fuzzReader: (reader, n = 1) => void add(data.fuzz.readers, reader, n),
    readerCrash(s) {
      data.readerCrashes += 1;
      sample(data.readerCrashSamples, s);
    },
    authorisation: (kind, n = 1) => void add(data.authorisation, kind, n),
    security: (kind, n = 1) => void add(data.security, kind, n),
    memory: (series) => void data.memory.push(series),
    secret(key) {
      if (!secrets.has(key)) {
        secrets.add(key);
        data.secrets.push(key);
      }
    },
    secretsIn(text) {
      for (const m of text.matchAll(/psk_[A-Za-z0-9_-]{16,}/g)) rec.secret(m[0]);
    },
    logSink(label) {
      mkdirSync(LOG_DIR, { recursive: true });
      fileSeq += 1;
      const file = path.join(LOG_DIR, `${section}-${label}-${process.pid}-${fileSeq}.log`.replace(/[^\w./-]/g, '_'));
      return (line) => appendFileSync(file, line.endsWith('\n') ? line : `${line}\n`);
    },
    note: (text) => void data.notes.push(text),
    flush() {
      mkdirSync(RECORD_DIR, { recursive: true });
      writeFileSync(out, `${JSON.stringify(data, null, 1)}\n`);
    },
  };
  if (options.autoFlush ?? true) afterAll(() => rec.flush());
  return rec;
}

/** RSS and open file descriptors of process `pid` from /proc (Linux), or null once it is gone. */
function procSample(pid: number): { rss: number; handles: number } | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { rss: Number(m?.[1] ?? 0) * 1024, handles: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return null;
  }
}

/**
 * Samples memory and handles every `everyMs` until stopped: this process's (RSS, heap, active
 * handles), or with `pid` another one's (a spawned server: RSS and open descriptors from /proc).
 */
export function sampleMemory(label: string, everyMs = 1000, pid?: number): { stop(): MemorySeries } {
  const start = Date.now();
  const samples: MemorySample[] = [];
  const take = () => {
    if (pid !== undefined) {
      const p = procSample(pid);
      if (p) samples.push({ t: Date.now() - start, rss: p.rss, handles: p.handles });
      return;
    }
    const m = process.memoryUsage();
    const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.().length;
    samples.push({ t: Date.now() - start, rss: m.rss, heapUsed: m.heapUsed, ...(handles !== undefined ? { handles } : {}) });
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return { label, samples };
    },
  };
}
