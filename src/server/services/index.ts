// The services of one app instance, built once in buildApp and reached by routes through
// `app.deps.services`. Part of the API surface for later route modules: add new services here.
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

export function createServices(ctx: ServiceContext, options: ServiceOptions = {}): Services {
  const apiKeys = new ApiKeyService(ctx);
  const notifier = options.notifier ?? new Notifier(ctx.clock);
  const driftTracker = new DriftTracker(ctx, notifier);
  const reports = new ReportService(ctx, driftTracker, notifier);
  return {
    apiKeys,
    pools: new PoolService(ctx, driftTracker, notifier),
    poolTargets: new PoolTargetService(ctx, driftTracker, notifier),
    endpoints: new EndpointService(ctx, apiKeys, driftTracker, notifier),
    states: new StateService(ctx),
    events: new EventService(ctx),
    notifier,
    driftTracker,
    reports,
    syncs: new SyncService(ctx, driftTracker, notifier),
    setLatest: new SetLatestService(ctx, driftTracker, notifier),
    operations: new OperationService(ctx, driftTracker, notifier, reports),
    analysis: new AnalysisService(ctx, driftTracker, { enabled: options.repositoryAnalysis ?? true }),
  };
}
