// Reading pacman's text output while it runs (LC_ALL=C, --noprogressbar, not a terminal):
//   per-package operation lines   `installing foo...`, `upgrading foo...`, `removing foo...`
//   per-package download lines    ` foo-1:2.0-3-x86_64 downloading...`
//   hook sections                 `:: Running pre-transaction hooks...` / `post-transaction`
//   snap-pac's snapshot numbers   `==> root: 1234` (one line per snapper config, in the hook's output)
//   the problem lines of a failure: `error: …` on stderr, and the explanations pacman prints on
//   stdout (`:: unable to satisfy dependency 'x' required by y`, `foo: /usr/bin/x exists in filesystem`).
import type { ExecutorStep, SnapperSnapshot } from './executor-errors.js';

export type PackageOperation = 'installing' | 'upgrading' | 'downgrading' | 'reinstalling' | 'removing';

/** `upgrading foo...` → { op: 'upgrading', name: 'foo' }; null for any other line. */
export function parseOperationLine(line: string): { op: PackageOperation; name: string } | null {
  const m = /^(installing|upgrading|downgrading|reinstalling|removing) (\S+)\.\.\.$/.exec(line.trim());
  return m ? { op: m[1] as PackageOperation, name: m[2] as string } : null;
}

/** ` foo-1:2.0-3-x86_64 downloading...` → 'foo-1:2.0-3-x86_64'; null otherwise. */
export function parseDownloadLine(line: string): string | null {
  const m = /^\s*(\S+) downloading\.\.\.$/.exec(line);
  return m ? (m[1] as string) : null;
}

/** Progress lines pacman prints on success too: never part of a failure's explanation. */
const ROUTINE = [
  /^:: (Processing package changes|Running (pre|post)-transaction hooks|Retrieving packages|Synchronizing package databases|Proceed with|Do you want to)/,
  /^:: .* (is|are) up to date$/,
];

/**
 * The lines that explain a failure: every non-empty stderr line (`error: …`, `warning: …` dropped
 * unless nothing else was said), and the stdout lines pacman uses for the details of a refused
 * transaction (`:: …` questions and explanations, `x exists in filesystem`, `x: y conflicts`).
 */
export function problemLines(stdout: readonly string[], stderr: readonly string[]): string[] {
  const err = stderr.map((l) => l.trim()).filter((l) => l !== '');
  const errors = err.filter((l) => !l.startsWith('warning:'));
  const details = stdout
    .map((l) => l.trim())
    .filter(
      (l) =>
        (l.startsWith(':: ') && !ROUTINE.some((r) => r.test(l))) || / exists in (filesystem|both)/.test(l) || /: .* conflicts? (with|\()/.test(l),
    )
    .map((l) => l.replace(/ \[[yY]\/[nN]\]\s*$/, ''));
  const head = errors.length > 0 ? errors : err;
  // pacman repeats some explanations (once per pass of its dependency check).
  return [...new Set([...head, ...details])];
}

/**
 * Collects the snapshot numbers snap-pac's hooks print. A number seen in a pre-transaction hook
 * section is a pre snapshot; in a post-transaction section, the post snapshot of the same config.
 */
export class SnapshotCollector {
  readonly snapshots: SnapperSnapshot[] = [];
  private section: 'pre' | 'post' | null = null;

  constructor(private readonly step: ExecutorStep) {}

  feed(line: string): void {
    const t = line.trim();
    if (t.startsWith(':: Running pre-transaction hooks')) this.section = 'pre';
    else if (t.startsWith(':: Running post-transaction hooks')) this.section = 'post';
    else if (t.startsWith(':: Processing package changes')) this.section = null;
    if (this.section === null) return;
    const m = /^==> ([\w@.:+-]+): (\d+)$/.exec(t);
    if (!m) return;
    const config = m[1] as string;
    const num = Number(m[2]);
    if (this.section === 'pre') {
      this.snapshots.push({ config, pre: num, post: null, step: this.step });
      return;
    }
    const open = this.snapshots.find((s) => s.config === config && s.post === null);
    if (open) open.post = num;
    else this.snapshots.push({ config, pre: null, post: num, step: this.step });
  }
}
