import type { SetLatestBody } from '../../contracts/operation.contract.js';
import type { SetLatestResult } from '../../contracts/sync.contract.js';
import { type Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftTracker } from './drift-tracker.service.js';
export declare class SetLatestService {
    private readonly ctx;
    private readonly tracker;
    private readonly notifier;
    constructor(ctx: ServiceContext, tracker: DriftTracker, notifier: Notifier);
    setLatest(endpointId: string, body: SetLatestBody, actor: string): Promise<SetLatestResult>;
    private preview;
    private apply;
    /** What would become the target, with its consistency and the repository snapshot. */
    private candidate;
    /**
     * The sync databases the target was taken against: those the agent sent with its state, and
     * for names it did not send, the endpoint's latest repository report.
     */
    private repositories;
    private result;
    private noPool;
    private inconsistent;
}
