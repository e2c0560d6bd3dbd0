// How `pacsync-admin` prints. With --json: the API's `data`, exactly, as JSON (nothing else on
// stdout). Otherwise, on a terminal: aligned tables with a header (cli-table3, no borders), and
// `field: value` lines for one object; into a pipe: the same rows tab-separated without a header,
// for `cut -f` and `while read` (as gh does). Every cell comes from the server, so every cell goes
// through printable() (src/core/printable.ts): no escape sequence or forged line reaches the
// terminal, and no tab or newline breaks a row.
import { createInterface } from 'node:readline/promises';
import Table from 'cli-table3';
import { CliError } from '../agent/errors.js';
import { printable } from '../core/printable.js';

export type Mode = 'tty' | 'plain' | 'json';

export function modeOf(json: boolean | undefined): Mode {
  if (json === true) return 'json';
  return process.stdout.isTTY === true ? 'tty' : 'plain';
}

export type Cell = string | number | boolean | null | undefined;

/** One value as shown: `-` for nothing, lists comma-separated, everything escaped. */
export function cell(v: Cell | readonly string[]): string {
  if (v === null || v === undefined || v === '') return '-';
  if (Array.isArray(v)) return v.length === 0 ? '-' : printable(v.join(','));
  return printable(String(v));
}

const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** Rows under `headers` (see the file comment for the two shapes). */
export function table(mode: Mode, headers: string[], rows: (Cell | readonly string[])[][]): void {
  if (mode === 'json') return;
  const cells = rows.map((r) => r.map(cell));
  if (mode === 'plain') {
    for (const r of cells) process.stdout.write(`${r.join('\t')}\n`);
    return;
  }
  if (cells.length === 0) return;
  const t = new Table({ head: headers, chars: NO_BORDERS, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 } });
  t.push(...cells);
  process.stdout.write(
    `${t
      .toString()
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')}\n`,
  );
}

/** `field: value` lines for one object (both human modes). */
export function fields(mode: Mode, pairs: [string, Cell | readonly string[]][]): void {
  if (mode === 'json') return;
  const width = Math.max(...pairs.map(([k]) => k.length)) + 1;
  for (const [k, v] of pairs) process.stdout.write(`${`${k}:`.padEnd(width)} ${cell(v)}\n`);
}

/** A line of text for people (not in JSON mode); escaped like every cell. */
export function say(mode: Mode, text: string): void {
  if (mode !== 'json') process.stdout.write(`${printable(text)}\n`);
}

/** Paging hint after a list: `… 120 more: --offset 50`. */
export function moreHint(mode: Mode, page: { total: number; limit: number; offset: number; items: unknown[]; has_more: boolean }): void {
  if (mode !== 'tty' || !page.has_more) return;
  process.stderr.write(
    `… ${page.total - page.offset - page.items.length} more (${page.total} in all): --offset ${page.offset + page.items.length}\n`,
  );
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Asks `question [y/N]` on the terminal (on stderr, so stdout stays the command's output). Without
 * a terminal nobody can answer: refused, naming --yes (exit 1, as the agent's sync does).
 */
export async function confirm(question: string): Promise<boolean> {
  if (process.stdin.isTTY !== true)
    throw new CliError(`${question.replace(/\?$/, '')}: refused without confirmation, standard input is not a terminal (pass --yes)`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${printable(question)} [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}
