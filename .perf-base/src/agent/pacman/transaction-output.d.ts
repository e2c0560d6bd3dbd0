import type { ExecutorStep, SnapperSnapshot } from './executor-errors.js';
export type PackageOperation = 'installing' | 'upgrading' | 'downgrading' | 'reinstalling' | 'removing';
/** `upgrading foo...` → { op: 'upgrading', name: 'foo' }; null for any other line. */
export declare function parseOperationLine(line: string): {
    op: PackageOperation;
    name: string;
} | null;
/** ` foo-1:2.0-3-x86_64 downloading...` → 'foo-1:2.0-3-x86_64'; null otherwise. */
export declare function parseDownloadLine(line: string): string | null;
/**
 * The lines that explain a failure: every non-empty stderr line (`error: …`, `warning: …` dropped
 * unless nothing else was said), and the stdout lines pacman uses for the details of a refused
 * transaction (`:: …` questions and explanations, `x exists in filesystem`, `x: y conflicts`).
 */
export declare function problemLines(stdout: readonly string[], stderr: readonly string[]): string[];
/**
 * Collects the snapshot numbers snap-pac's hooks print. A number seen in a pre-transaction hook
 * section is a pre snapshot; in a post-transaction section, the post snapshot of the same config.
 */
export declare class SnapshotCollector {
    private readonly step;
    readonly snapshots: SnapperSnapshot[];
    private section;
    constructor(step: ExecutorStep);
    feed(line: string): void;
}
