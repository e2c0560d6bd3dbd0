// The crash/restart and agent-fault tests' figures (issue #16), recorded into the reliability
// suite's collector (report.ts) under their section, so the reporter adds them up with the rest
// and fails the run on a 5xx, a lost report or a duplicate. Kept as its own small interface: those
// tests count expected 503/507 answers and named counts, which the collector keeps as refusals and
// notes.
import { afterAll } from 'vitest';
import { recorder, type SectionRecord } from './report.js';

export interface FigureRecorder {
  readonly data: SectionRecord;
  /**
   * One answered request. `expected5xx`: a 503/507 the fault under test makes the right answer
   * (the database down, the disk full) — counted as a refusal by its code, not as a server error.
   */
  request(status: number, reason?: string, opts?: { expected5xx?: boolean; sample?: string }): void;
  fault(kind: string, survived: boolean): void;
  lost(n: number): void;
  duplicates(n: number): void;
  /** Anything else worth a number (retries answered from a stored answer, …), kept as a note. */
  count(name: string, n?: number): void;
  note(text: string): void;
}

export function figures(section: string): FigureRecorder {
  const rec = recorder(section, { autoFlush: false });
  const counts: Record<string, number> = {};
  afterAll(() => {
    for (const [name, n] of Object.entries(counts)) rec.note(`${name}: ${n}`);
    rec.flush();
  });
  return {
    data: rec.data,
    request(status, reason, opts = {}) {
      const code = reason ?? (status >= 400 ? `HTTP_${status}` : undefined);
      rec.request(status, code, opts.sample, { expected: opts.expected5xx === true });
    },
    fault: (kind, survived) => rec.fault(kind, survived),
    lost: (n) => rec.lost(n),
    duplicates: (n) => rec.duplicates(n),
    count(name, n = 1) {
      counts[name] = (counts[name] ?? 0) + n;
    },
    note: (text) => rec.note(text),
  };
}
