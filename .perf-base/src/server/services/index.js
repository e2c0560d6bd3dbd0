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
export function createServices(ctx, options = {}) {
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
//# sourceMappingURL=index.js.map