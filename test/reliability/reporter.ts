// The reliability suite's final reporter: adds up every record the test files wrote (report.ts),
// counts the authorisation cases of the reused matrix tests, prints the report, writes
// reliability-report.json and sets a failing exit status when a must-be-zero figure is not zero
// (or when nothing was recorded at all: a run that proved nothing must not pass).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { LOG_DIR, RECORD_DIR, REPORT_FILE, ROOT, type MemorySeries, type SectionRecord } from './report.js';

/** Test files reused from the normal suite whose every passed case is an authorisation case. */
export const AUTHORISATION_FILES: Record<string, string> = {
  'test/server/authz-matrix.test.ts': 'route × role matrix',
  'test/server/ws-access.test.ts': 'WebSocket revocation and pool moves',
  'test/server/ws.routes.test.ts': 'WebSocket subscriptions',
};

export interface ReliabilityReport {
  scale: string;
  durationSeconds: number;
  tests: { passed: number; failed: number; skipped: number };
  requests: { sent: number; accepted: number; refused: Record<string, number>; serverErrors: number };
  faults: Record<string, { injected: number; survived: number }>;
  reportsLost: number;
  duplicates: number;
  refusedWithWrites: number;
  fuzz: { routes: Record<string, number>; readers: Record<string, number>; routeCases: number; readerCases: number };
  readerCrashes: number;
  /** Secrets checked, log lines read, and secrets found in a log (must be 0). */
  logs: { files: number; lines: number; secretsChecked: number; secretsInLogs: number };
  authorisation: Record<string, number>;
  authorisationCases: number;
  security: Record<string, number>;
  memory: { label: string; samples: number; slopeBytesPerMinute: number | null; limitBytesPerMinute: number | null }[];
  sections: string[];
  samples: Record<string, string[]>;
  notes: string[];
  /** Every must-be-zero figure that was not zero, and why the run failed; empty when it passed. */
  failures: string[];
}

/** Least-squares slope of RSS over time after the first fifth (warm-up), in bytes per minute. */
export function memorySlope(series: MemorySeries): number | null {
  const s = series.samples.slice(Math.floor(series.samples.length / 5));
  if (s.length < 3) return null;
  const n = s.length;
  const mt = s.reduce((a, x) => a + x.t, 0) / n;
  const mr = s.reduce((a, x) => a + x.rss, 0) / n;
  const cov = s.reduce((a, x) => a + (x.t - mt) * (x.rss - mr), 0);
  const varT = s.reduce((a, x) => a + (x.t - mt) ** 2, 0);
  return varT === 0 ? null : (cov / varT) * 60_000;
}

function addInto(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Adds up records into the report and decides whether the run passed (failures empty). */
/**
 * Which of `secrets` appear in `logs` (one text per file). A secret counts as found when the first
 * 16 characters of its random part appear anywhere, with or without its `psk_` prefix.
 */
export function secretsInLogs(secrets: readonly string[], logs: readonly string[]): { lines: number; found: string[] } {
  const needles = new Map<string, string>();
  for (const s of secrets) needles.set(s.replace(/^psk_/, '').slice(0, 16), s);
  const found = new Set<string>();
  let lines = 0;
  for (const text of logs) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
    for (const m of text.matchAll(/[A-Za-z0-9_-]{16,}/g)) {
      const token = m[0];
      for (let i = 0; i + 16 <= token.length; i++) {
        const hit = needles.get(token.slice(i, i + 16));
        if (hit) found.add(hit);
      }
    }
  }
  return { lines, found: [...found] };
}

export function readLogs(dir = LOG_DIR): string[] {
  try {
    return readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  } catch {
    return [];
  }
}

export function buildReport(
  records: SectionRecord[],
  tests: ReliabilityReport['tests'],
  extraAuthorisation: Record<string, number>,
  meta: { scale: string; durationSeconds: number },
  logs: readonly string[] = [],
): ReliabilityReport {
  const r: ReliabilityReport = {
    ...meta,
    tests,
    requests: { sent: 0, accepted: 0, refused: {}, serverErrors: 0 },
    faults: {},
    reportsLost: 0,
    duplicates: 0,
    refusedWithWrites: 0,
    fuzz: { routes: {}, readers: {}, routeCases: 0, readerCases: 0 },
    readerCrashes: 0,
    logs: { files: 0, lines: 0, secretsChecked: 0, secretsInLogs: 0 },
    authorisation: { ...extraAuthorisation },
    authorisationCases: 0,
    security: {},
    memory: [],
    sections: [],
    samples: {},
    notes: [],
    failures: [],
  };
  const samples = (k: string, list: string[]) => list.length && (r.samples[k] = [...(r.samples[k] ?? []), ...list].slice(0, 20));
  for (const rec of records) {
    if (!r.sections.includes(rec.section)) r.sections.push(rec.section);
    r.requests.sent += rec.requests.sent;
    r.requests.accepted += rec.requests.accepted;
    r.requests.serverErrors += rec.requests.serverErrors;
    addInto(r.requests.refused, rec.requests.refused);
    for (const [k, f] of Object.entries(rec.faults)) {
      const into = (r.faults[k] ??= { injected: 0, survived: 0 });
      into.injected += f.injected;
      into.survived += f.survived;
    }
    r.reportsLost += rec.reportsLost;
    r.duplicates += rec.duplicates;
    r.refusedWithWrites += rec.refusedWithWrites;
    addInto(r.fuzz.routes, rec.fuzz.routes);
    addInto(r.fuzz.readers, rec.fuzz.readers);
    r.readerCrashes += rec.readerCrashes;
    addInto(r.authorisation, rec.authorisation);
    addInto(r.security, rec.security ?? {});
    for (const m of rec.memory) {
      r.memory.push({
        label: `${rec.section}: ${m.label}`,
        samples: m.samples.length,
        slopeBytesPerMinute: memorySlope(m),
        limitBytesPerMinute: m.limitBytesPerMinute ?? null,
      });
    }
    samples('5xx', rec.requests.serverErrorSamples);
    samples('refused with writes', rec.refusedWithWritesSamples);
    samples('reader crashes', rec.readerCrashSamples);
    r.notes.push(...rec.notes.map((n) => `${rec.section}: ${n}`));
  }
  const secrets = [...new Set(records.flatMap((rec) => rec.secrets ?? []))];
  const leaks = secretsInLogs(secrets, logs);
  r.logs = { files: logs.length, lines: leaks.lines, secretsChecked: secrets.length, secretsInLogs: leaks.found.length };
  if (leaks.found.length) r.samples['secrets in logs'] = leaks.found.map((k) => `${k.slice(0, 12)}… found in a log`);
  r.fuzz.routeCases = Object.values(r.fuzz.routes).reduce((a, b) => a + b, 0);
  r.fuzz.readerCases = Object.values(r.fuzz.readers).reduce((a, b) => a + b, 0);
  r.authorisationCases = Object.values(r.authorisation).reduce((a, b) => a + b, 0);

  const f = r.failures;
  if (r.requests.serverErrors !== 0) f.push(`5xx answers: ${r.requests.serverErrors} (must be 0)`);
  if (r.reportsLost !== 0) f.push(`reports lost: ${r.reportsLost} (must be 0)`);
  if (r.duplicates !== 0) f.push(`duplicates: ${r.duplicates} (must be 0)`);
  if (r.refusedWithWrites !== 0) f.push(`refused requests that changed the database: ${r.refusedWithWrites} (must be 0)`);
  if (r.logs.secretsInLogs !== 0) f.push(`API keys found in the logs: ${r.logs.secretsInLogs} of ${r.logs.secretsChecked} (must be 0)`);
  if (r.readerCrashes !== 0) f.push(`reader cases without a clear error: ${r.readerCrashes} (must be 0)`);
  for (const [k, v] of Object.entries(r.faults))
    if (v.survived !== v.injected) f.push(`faults not survived (${k}): ${v.injected - v.survived} of ${v.injected} (must be 0)`);
  for (const m of r.memory) {
    if (m.limitBytesPerMinute !== null && m.slopeBytesPerMinute !== null && m.slopeBytesPerMinute > m.limitBytesPerMinute) {
      f.push(`memory slope of ${m.label}: ${mib(m.slopeBytesPerMinute)}/min over its limit ${mib(m.limitBytesPerMinute)}/min`);
    }
  }
  if (records.length === 0) f.push('no section recorded anything');
  if (tests.failed !== 0) f.push(`failed tests: ${tests.failed}`);
  return r;
}

function mib(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(2)} MiB`;
}

function table(rows: Record<string, number>): string {
  const entries = Object.entries(rows).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([k, v]) => `    ${String(v).padStart(7)}  ${k}`).join('\n') : '    (none)';
}

export function formatReport(r: ReliabilityReport): string {
  const faults = Object.entries(r.faults).map(([k, v]) => `    ${k}: ${v.survived}/${v.injected} survived`);
  const lines = [
    '',
    `reliability report (scale ${r.scale}, ${r.durationSeconds.toFixed(0)} s; sections: ${r.sections.join(', ') || 'none'})`,
    `  tests: ${r.tests.passed} passed, ${r.tests.failed} failed, ${r.tests.skipped} skipped`,
    `  requests sent ${r.requests.sent}, accepted ${r.requests.accepted}, 5xx ${r.requests.serverErrors} (must be 0)`,
    '  refused by reason:',
    table(r.requests.refused),
    `  refused requests that changed the database: ${r.refusedWithWrites} (must be 0)`,
    `  faults injected and survived:${faults.length ? `\n${faults.join('\n')}` : ' none recorded'}`,
    `  reports lost ${r.reportsLost} (must be 0), duplicates ${r.duplicates} (must be 0)`,
    `  fuzz cases per route (${r.fuzz.routeCases}):`,
    table(r.fuzz.routes),
    `  fuzz cases per reader (${r.fuzz.readerCases}; without a clear error: ${r.readerCrashes}, must be 0):`,
    table(r.fuzz.readers),
    `  logs: ${r.logs.files} files, ${r.logs.lines} lines searched for ${r.logs.secretsChecked} API keys; found ${r.logs.secretsInLogs} (must be 0)`,
    `  authorisation cases checked (${r.authorisationCases}):`,
    table(r.authorisation),
    '  security checks:',
    table(r.security),
    '  memory slope after warm-up:',
    r.memory.length
      ? r.memory
          .map(
            (m) =>
              `    ${m.slopeBytesPerMinute === null ? 'n/a' : `${mib(m.slopeBytesPerMinute)}/min`}  ${m.label} ` +
              `(${m.samples} samples${m.limitBytesPerMinute !== null ? `, limit ${mib(m.limitBytesPerMinute)}/min` : ''})`,
          )
          .join('\n')
      : '    (no samples)',
    ...Object.entries(r.samples).map(([k, list]) => `  samples of ${k}:\n${list.map((s) => `    ${s}`).join('\n')}`),
    r.failures.length ? `RELIABILITY FAILED:\n${r.failures.map((x) => `  - ${x}`).join('\n')}` : 'reliability: every must-be-zero figure is zero',
    '',
  ];
  return lines.join('\n');
}

export function readRecords(dir = RECORD_DIR): SectionRecord[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SectionRecord);
}

export default class ReliabilityReporter implements Reporter {
  private started = Date.now();

  onInit(): void {
    this.started = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const tests = { passed: 0, failed: 0, skipped: 0 };
    const authorisation: Record<string, number> = {};
    for (const m of testModules) {
      const rel = path.relative(ROOT, m.moduleId).split(path.sep).join('/');
      const kind = AUTHORISATION_FILES[rel];
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') tests.passed += 1;
        else if (state === 'failed') tests.failed += 1;
        else tests.skipped += 1;
        if (kind && state === 'passed') authorisation[kind] = (authorisation[kind] ?? 0) + 1;
      }
      // A file that failed to load has no failed test but is a failure.
      if (m.state() === 'failed' && ![...m.children.allTests()].some((t) => t.result().state === 'failed')) tests.failed += 1;
    }
    tests.failed += unhandledErrors.length;
    const meta = { scale: process.env.RELIABILITY_SCALE ?? 'short', durationSeconds: (Date.now() - this.started) / 1000 };
    const report = buildReport(readRecords(), tests, authorisation, meta, readLogs());
    process.stdout.write(formatReport(report));
    writeFileSync(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
    if (report.failures.length > 0) process.exitCode = 1;
  }
}
