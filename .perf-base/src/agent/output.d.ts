import type { SyncPlan } from '../core/plan.js';
import type { ExcludedPackage } from './pacman/plan-preparation.js';
export type OutputMode = 'tty' | 'plain' | 'json';
export declare function outputMode(json: boolean | undefined): OutputMode;
/** Text for the user (not in JSON mode). */
export declare function say(mode: OutputMode, line: string): void;
export interface ProgressDisplay {
    /** percent 0–100 of the whole operation; label: what happens now (`upgrading glibc`). */
    update(percent: number, label: string): void;
    stop(): void;
}
/** A progress bar (tty), `[ 42%] label` lines when the label changes (plain), or nothing (json). */
export declare function progressDisplay(mode: OutputMode): Promise<ProgressDisplay>;
export declare function formatSize(bytes: number): string;
/** Package changes a plan makes (what needs confirmation). */
export declare function planChangeCount(plan: SyncPlan): number;
/** The plan as lines for the user: one line per package, conflicts and exclusions, a total. */
export declare function planLines(plan: SyncPlan, extra?: {
    excluded?: ExcludedPackage[];
    held?: string[];
    excludedWhy?: Map<string, string>;
}): string[];
/**
 * Asks "question [y/N]" on the terminal. Without a terminal there is nobody to ask: refused with a
 * message naming --yes (exit 1). Ctrl-C at the question (read by readline on a terminal, or a
 * SIGINT that aborts `signal`) is a no.
 */
export declare function confirm(question: string, opts?: {
    signal?: AbortSignal;
}): Promise<boolean>;
/** Prints `value` as JSON on stdout (the only output in --json mode). */
export declare function printJson(value: unknown): void;
