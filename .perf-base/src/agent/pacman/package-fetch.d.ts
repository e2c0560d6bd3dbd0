import type { ExecutorContext } from './executor-context.js';
import type { Machine } from './machine-state.js';
import type { PacmanRunner } from './pacman-runner.js';
import type { PreparedItem, ProgressCallback, ResolvedItem } from './plan-preparation.js';
/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of results. */
export declare function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]>;
export interface Fetched {
    items: PreparedItem[];
    /** Holds the archive downloads; null when there were none. */
    stagingDir: string | null;
}
export declare function fetchPackages(resolved: readonly ResolvedItem[], m: Machine, ctx: ExecutorContext, runner: PacmanRunner, onProgress?: ProgressCallback): Promise<Fetched>;
