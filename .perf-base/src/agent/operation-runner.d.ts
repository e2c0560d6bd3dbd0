import type { OperationView } from '../contracts/operation.contract.js';
import type { PackageStateData } from '../core/package-state.js';
import type { SyncPlan } from '../core/plan.js';
import { type ApiClient } from './api-client.js';
import { ReportQueue } from './daemon/report-queue.js';
import { type OutputMode, type ProgressDisplay } from './output.js';
import type { ExecutorContext } from './pacman/executor-context.js';
export interface RunOptions {
    client: ApiClient;
    ctx: ExecutorContext;
    queue: ReportQueue;
    mode: OutputMode;
    display: ProgressDisplay;
    /** Skip the confirmation question. */
    yes: boolean;
    /**
     * Why the agent is stopping (the signal's name, e.g. `SIGINT`), or null/false while it is not.
     * Checked between the stages; ctx.signal should be aborted at the same moment.
     */
    stopping?: () => string | boolean | null;
    /** Daemon log lines (instead of `say`). */
    log?: (line: string) => void;
}
export interface RunResult {
    operation_id: string;
    outcome: 'completed' | 'dry_run' | 'nothing_to_do' | 'declined';
    plan: SyncPlan;
    changed?: unknown;
    state?: PackageStateData;
}
/** The plan inside an operation's details (flat, as SPEC §4 describes; or under `plan`). */
export declare function planOf(op: OperationView): SyncPlan;
/**
 * Carries out `op` (see the file comment) with `plan` (the server's answer to sync/revert; taken
 * from the operation's details when null). Throws CliError with the exit code on failure.
 */
export declare function runOperation(op: OperationView, givenPlan: SyncPlan | null, o: RunOptions): Promise<RunResult>;
