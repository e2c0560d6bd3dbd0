import type { PageOf } from '../../contracts/common.contract.js';
import type { CompleteBody, FailBody, OperationListQuery, OperationView, ProgressBody } from '../../contracts/operation.contract.js';
import { type Principal } from '../auth/principal.js';
import { type Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftTracker } from './drift-tracker.service.js';
import { type ReportService } from './report.service.js';
export declare class OperationService {
    private readonly ctx;
    private readonly tracker;
    private readonly notifier;
    private readonly reports;
    constructor(ctx: ServiceContext, tracker: DriftTracker, notifier: Notifier, reports: ReportService);
    get(id: string, caller: Principal): Promise<OperationView>;
    listForEndpoint(endpointId: string, query: OperationListQuery): Promise<PageOf<OperationView>>;
    listForPool(poolId: string, query: OperationListQuery): Promise<PageOf<OperationView>>;
    private list;
    /** `POST /operations/{id}/progress` (the operation's endpoint): pending → in_progress on the first one. */
    progress(id: string, body: ProgressBody, caller: Principal): Promise<OperationView>;
    /** `POST /operations/{id}/complete`: optionally with the state reached (stored like a report). */
    complete(id: string, body: CompleteBody, caller: Principal): Promise<OperationView>;
    /** `POST /operations/{id}/fail`: pacman's message, optionally the state actually reached. */
    fail(id: string, body: FailBody, caller: Principal): Promise<OperationView>;
    /** `POST /operations/{id}/cancel` (its endpoint, or an admin). Audited. */
    cancel(id: string, caller: Principal, actor: string): Promise<OperationView>;
    /**
     * Loads the operation and its endpoint in a transaction, checks the caller (the operation's own
     * endpoint; an admin only for cancel) and that the operation is still active, then runs `apply`.
     */
    private transition;
    private finish;
    /** After a final status: store the state reached (if any), recompute drift (no longer pending), notify. */
    private afterFinish;
    private setEndpointStatus;
}
