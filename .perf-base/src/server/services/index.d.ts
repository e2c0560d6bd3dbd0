import type { ServiceContext } from './context.js';
import { ApiKeyService } from './api-key.service.js';
import { Notifier } from '../events/notifier.js';
import { AnalysisService } from './analysis.service.js';
import { DriftTracker } from './drift-tracker.service.js';
import { EndpointService } from './endpoint.service.js';
import { EventService } from './event.service.js';
import { PoolTargetService } from './pool-target.service.js';
import { PoolService } from './pool.service.js';
import { OperationService } from './operation.service.js';
import { ReportService } from './report.service.js';
import { SetLatestService } from './set-latest.service.js';
import { StateService } from './state.service.js';
import { SyncService } from './sync.service.js';
export interface Services {
    apiKeys: ApiKeyService;
    pools: PoolService;
    /** Target history: revert (and set-latest). */
    poolTargets: PoolTargetService;
    endpoints: EndpointService;
    states: StateService;
    events: EventService;
    /** Real-time messages, published after commit (events/notifier.ts). */
    notifier: Notifier;
    /** Drift kept current on reports, operations, target and membership changes; drift history. */
    driftTracker: DriftTracker;
    /** State and repository reports. */
    reports: ReportService;
    /** Sync / revert requests and pool sync-all. */
    syncs: SyncService;
    setLatest: SetLatestService;
    /** Operation life cycle and lists. */
    operations: OperationService;
    analysis: AnalysisService;
}
export interface ServiceOptions {
    /** `[features] enable_repository_analysis` (default true). */
    repositoryAnalysis?: boolean;
    notifier?: Notifier;
}
export declare function createServices(ctx: ServiceContext, options?: ServiceOptions): Services;
