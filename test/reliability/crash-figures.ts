// The figures of the crash/restart and agent-fault tests (issue #16), kept in a plain object with
// the method names of the reliability suite's collector (request, fault, lost, duplicates, note),
// so that a test file can record into that collector instead by replacing `figures(section)`.
// Printed as one JSON line (`RELIABILITY-FIGURES {...}`) when the file ends, and written to
// test-results/reliability/crash-faults/<section>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/reliability/crash-faults');

export interface Figures {
  section: string;
  requests: { sent: number; accepted: number; refused: Record<string, number>; serverErrors: number; serverErrorSamples: string[] };
  faults: Record<string, { injected: number; survived: number }>;
  reportsLost: number;
  duplicates: number;
  /** Anything else worth a number (retries answered from a stored answer, …). */
  counts: Record<string, number>;
  notes: string[];
}

export interface FigureRecorder {
  readonly data: Figures;
  /**
   * One answered request. `expected5xx`: a 503/507 the fault under test makes the right answer
   * (the database down, the disk full) — counted as a refusal by its code, not as a server error.
   */
  request(status: number, reason?: string, opts?: { expected5xx?: boolean; sample?: string }): void;
  fault(kind: string, survived: boolean): void;
  lost(n: number): void;
  duplicates(n: number): void;
  count(name: string, n?: number): void;
  note(text: string): void;
}

export function figures(section: string): FigureRecorder {
  const data: Figures = { section, requests: { sent: 0, accepted: 0, refused: {}, serverErrors: 0, serverErrorSamples: [] }, faults: {}, reportsLost: 0, duplicates: 0, counts: {}, notes: [] };
  const add = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);
  afterAll(() => {
    console.info(`RELIABILITY-FIGURES ${JSON.stringify(data)}`);
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, `${section.replace(/[^\w.-]/g, '_')}.json`), `${JSON.stringify(data, null, 2)}\n`);
  });
  return {
    data,
    request(status, reason, opts = {}) {
      data.requests.sent += 1;
      if (status >= 200 && status < 300) data.requests.accepted += 1;
      else if (status >= 500 && !opts.expected5xx) {
        data.requests.serverErrors += 1;
        if (data.requests.serverErrorSamples.length < 20) data.requests.serverErrorSamples.push(`${status} ${reason ?? ''} ${opts.sample ?? ''}`.slice(0, 500));
      } else add(data.requests.refused, reason ?? `HTTP_${status}`);
    },
    fault(kind, survived) {
      const f = (data.faults[kind] ??= { injected: 0, survived: 0 });
      f.injected += 1;
      if (survived) f.survived += 1;
    },
    lost(n) {
      data.reportsLost += n;
    },
    duplicates(n) {
      data.duplicates += n;
    },
    count(name, n = 1) {
      add(data.counts, name, n);
    },
    note(text) {
      data.notes.push(text);
    },
  };
}
