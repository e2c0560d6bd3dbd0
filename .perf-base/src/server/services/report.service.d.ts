import type { RepositoriesReportBody, StateReportBody } from '../../contracts/package.contract.js';
import type { RepositoriesReportResult, StateReportResult } from '../../contracts/report.contract.js';
import type { PackageStateData } from '../../core/package-state.js';
import type { Executor } from '../../db/executor.js';
import type { Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import { type DriftTracker } from './drift-tracker.service.js';
/** capture_method when the agent names none. */
export declare const DEFAULT_REPORT_CAPTURE_METHOD = "agent_report";
/** A validated, normalised state and its server-side content hash. */
export interface NormalisedState {
    state: PackageStateData;
    hash: string;
}
export declare function contentHash(state: PackageStateData): string;
/**
 * The state an agent sent, as stored: packages sorted by name with only known fields, totals
 * recomputed, the machine's exclusions checked, de-duplicated and sorted, and the content hash.
 * `field` prefixes error messages (`body`, `body.state`).
 */
export declare function normaliseState(body: StateReportBody, field?: string): NormalisedState;
export declare class ReportService {
    private readonly ctx;
    private readonly tracker;
    private readonly notifier;
    constructor(ctx: ServiceContext, tracker: DriftTracker, notifier: Notifier);
    submitState(endpointId: string, body: StateReportBody, opts?: {
        details?: boolean;
    }): Promise<StateReportResult>;
    /**
     * Stores a normalised state as the endpoint's current state (or only marks it seen when the
     * content is unchanged) and recomputes its drift, in the caller's transaction. Also used when
     * an operation completes or fails with the state it reached.
     */
    storeState(trx: Executor, endpointId: string, n: NormalisedState, now: Date, details: boolean): Promise<StateReportResult>;
    /**
     * Replaces the endpoint's repository rows with the reported ones (upsert by name, in the order
     * given, which is pacman.conf's); rows of repositories no longer reported are deleted. A
     * repository whose db_hash, URL and position are unchanged keeps its stored packages.
     */
    submitRepositories(endpointId: string, body: RepositoriesReportBody): Promise<RepositoriesReportResult>;
}
