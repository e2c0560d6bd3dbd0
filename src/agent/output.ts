// How agent commands talk to the user (README "Agent (`pacsync`)"): a progress bar on a terminal
// (cli-progress, on stderr), plain lines otherwise, nothing but the final JSON with --json. Also
// the plan as text and the one confirmation question before anything changes.
import { createInterface } from 'node:readline/promises';
import { exclusionRule, type ExclusionReason } from '../core/exclusions.js';
import type { PlanEntry, SyncPlan } from '../core/plan.js';
import { printable } from '../core/printable.js';
import { CliError } from './errors.js';
import type { ExcludedPackage } from './pacman/plan-types.js';

export type OutputMode = 'tty' | 'plain' | 'json';

export function outputMode(json: boolean | undefined): OutputMode {
  if (json) return 'json';
  return process.stderr.isTTY === true && process.stdout.isTTY === true ? 'tty' : 'plain';
}

/**
 * Text for the user (not in JSON mode). Lines hold names and messages from the server: control
 * characters are shown escaped (core/printable.ts), never sent to the terminal.
 */
export function say(mode: OutputMode, line: string): void {
  if (mode !== 'json') process.stdout.write(`${printable(line)}\n`);
}

export interface ProgressDisplay {
  /** percent 0–100 of the whole operation; label: what happens now (`upgrading glibc`). */
  update(percent: number, label: string): void;
  stop(): void;
}

/** A progress bar (tty), `[ 42%] label` lines when the label changes (plain), or nothing (json). */
export async function progressDisplay(mode: OutputMode): Promise<ProgressDisplay> {
  if (mode === 'json') return { update: () => undefined, stop: () => undefined };
  if (mode === 'plain') {
    let last = '';
    return {
      update(percent, label) {
        if (label === last) return;
        last = label;
        process.stdout.write(`[${String(Math.round(percent)).padStart(3)}%] ${printable(label)}\n`);
      },
      stop: () => undefined,
    };
  }
  // Loaded only when a bar is shown: `pacsync --help` and plain runs do not pay for it.
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {label}', hideCursor: true, clearOnComplete: false, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(percent, label) {
      if (!started) {
        bar.start(100, 0, { label: printable(label) });
        started = true;
      }
      bar.update(Math.round(percent), { label: printable(label) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} ${units[i]}` : `${v.toFixed(2)} ${units[i]}`;
}

function entryLine(verb: string, e: PlanEntry): string {
  const versions = e.from_version !== null && e.to_version !== null ? `${e.from_version} -> ${e.to_version}` : (e.to_version ?? e.from_version ?? '');
  const repo = e.repository ? ` [${e.repository}]` : '';
  return `  ${verb.padEnd(9)} ${e.name} ${versions}${repo}`;
}

/** Package changes a plan makes (what needs confirmation). */
export function planChangeCount(plan: SyncPlan): number {
  return (
    plan.packages_to_install.length +
    plan.packages_to_upgrade.length +
    plan.packages_to_downgrade.length +
    plan.packages_to_remove.length +
    (plan.reasons_to_change?.length ?? 0)
  );
}

const MAX_EXCLUDED_SHOWN = 20;

/** The plan as lines for the user: one line per package, conflicts and exclusions, a total. */
export function planLines(
  plan: SyncPlan,
  extra: { excluded?: ExcludedPackage[]; held?: string[]; excludedWhy?: Map<string, string> } = {},
): string[] {
  const out: string[] = [];
  for (const e of plan.packages_to_install) out.push(entryLine('install', e));
  for (const e of plan.packages_to_upgrade) out.push(entryLine('upgrade', e));
  for (const e of plan.packages_to_downgrade) out.push(entryLine('downgrade', e));
  for (const e of plan.packages_to_remove) out.push(entryLine('remove', e));
  for (const r of plan.reasons_to_change ?? []) out.push(`  ${'reason'.padEnd(9)} ${r.name} -> ${r.to_reason}`);
  for (const c of plan.conflicts ?? []) {
    const how = c.resolution === 'blocked' ? 'blocked (installed is newer; --force downgrades)' : 'downgrade (forced)';
    out.push(`  ${'conflict'.padEnd(9)} ${c.name} installed ${c.installed_version}, target ${c.target_version}: ${how}`);
  }
  for (const k of plan.packages_kept ?? []) {
    const why = k.reason === 'newer' ? 'installed is newer, pool keeps the newest' : `required by ${(k.required_by ?? []).join(', ')}`;
    out.push(`  ${'keep'.padEnd(9)} ${k.name} ${k.installed_version}: ${why}`);
  }
  for (const x of extra.excluded ?? []) out.push(`  ${'excluded'.padEnd(9)} ${x.name} (by ${exclusionRule(x)})`);
  for (const h of extra.held ?? []) out.push(`  ${'held'.padEnd(9)} ${h} (pacman.conf HoldPkg: not removed)`);
  const shown = new Set((extra.excluded ?? []).map((x) => x.name));
  const excludedNames = (plan.excluded_packages ?? []).filter((n) => !shown.has(n));
  const fromPlan = plan.exclusion_reasons ?? {};
  const why = (n: string): string | null =>
    extra.excludedWhy?.get(n) ?? (Object.prototype.hasOwnProperty.call(fromPlan, n) ? exclusionRule(fromPlan[n] as ExclusionReason) : null);
  for (const n of excludedNames.slice(0, MAX_EXCLUDED_SHOWN)) out.push(`  ${'excluded'.padEnd(9)} ${n}${why(n) !== null ? ` (by ${why(n)})` : ''}`);
  if (excludedNames.length > MAX_EXCLUDED_SHOWN) out.push(`  ${'excluded'.padEnd(9)} … and ${excludedNames.length - MAX_EXCLUDED_SHOWN} more`);
  const n = planChangeCount(plan);
  const excluded = plan.excluded_count ?? plan.excluded_packages?.length ?? 0;
  out.push(
    n === 0
      ? `nothing to do${excluded > 0 ? ` (${excluded} excluded)` : ''}`
      : `${n} package change(s), ${formatSize(plan.estimated_size ?? 0)} to install${excluded > 0 ? `, ${excluded} excluded` : ''}`,
  );
  return out;
}

/**
 * Asks "question [y/N]" on the terminal. Without a terminal there is nobody to ask: refused with a
 * message naming --yes (exit 1). Ctrl-C at the question (read by readline on a terminal, or a
 * SIGINT that aborts `signal`) is a no.
 */
export async function confirm(question: string, opts: { signal?: AbortSignal } = {}): Promise<boolean> {
  if (process.stdin.isTTY !== true) {
    throw new CliError('refusing to change packages without confirmation: standard input is not a terminal (pass --yes)');
  }
  if (opts.signal?.aborted) return false;
  const interrupted = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, interrupted.signal]) : interrupted.signal;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  rl.on('SIGINT', () => interrupted.abort());
  try {
    const answer = (await rl.question(`${question} [y/N] `, { signal })).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } catch (err) {
    if (!signal.aborted) throw err;
    process.stderr.write('\n');
    return false;
  } finally {
    rl.close();
  }
}

/** Prints `value` as JSON on stdout (the only output in --json mode). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
