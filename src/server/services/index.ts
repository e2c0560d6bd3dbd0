// The services of one app instance, built once in buildApp and reached by routes through
// `app.deps.services`. A new service is constructed here and listed in Services.
import type { DatabaseHandle } from '../../db/database.js';
import type { Migrator } from '../../db/migrator.js';
import type { ServiceContext } from './context.js';
import { ApiKeyService } from './api-key.service.js';
import { lastSeenResolutionMs } from './contact.js';
import { Notifier } from '../events/notifier.js';
import { WsHub } from '../events/ws-hub.js';
import { AnalysisService } from './analysis.service.js';
import { DRIFT_HISTORY_MAX_SAMPLES } from '../../contracts/analysis.contract.js';
import { DriftTracker, STEP_MEMBERS } from './drift-tracker.service.js';
import { EndpointService } from './endpoint.service.js';
import { EnrollmentService } from './enrollment.service.js';
import { EventService } from './event.service.js';
import { FleetUpkeepService } from './fleet-upkeep.service.js';
import { AlertService } from './alert.service.js';
import type { AlertThresholds } from './alert-checks.js';
import { HealthService } from './health.service.js';
import { MetricsService } from './metrics.service.js';
import { PoolTargetService } from './pool-target.service.js';
import { PoolService } from './pool.service.js';
import { OperationService } from './operation.service.js';
import { ReportService } from './report.service.js';
import { RetentionService, type RetentionSettings } from './retention.service.js';
import { SetLatestService } from './set-latest.service.js';
import { StateService } from './state.service.js';
import { SyncService } from './sync.service.js';

export interface Services {
  apiKeys: ApiKeyService;
  pools: PoolService;
  /** Target history: revert-target (set-latest: setLatest). */
  poolTargets: PoolTargetService;
  endpoints: EndpointService;
  /** Enrollment approval: approve / reject endpoints registered with enroll keys. */
  enrollment: EnrollmentService;
  states: StateService;
  events: EventService;
  /** Real-time messages, published after commit (events/notifier.ts). */
  notifier: Notifier;
  /** WebSocket subscribers of the notifier's messages (events/ws-hub.ts, served by ws.routes.ts). */
  realtime: WsHub;
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
  /** Liveness and readiness (health routes). */
  health: HealthService;
  /** Offline detection and operation timeouts (the minute jobs, src/server/jobs/). */
  upkeep: FleetUpkeepService;
  /** Alert evaluation (the job scheduler calls evaluate() every minute) and GET /alerts. */
  alerts: AlertService;
  /** The app's Prometheus registry (GET /metrics); addGauge/register for more. */
  metrics: MetricsService;
  /** Deleting old rows (seed "Cleanup Old Data"): the daily job and `db cleanup`. */
  retention: RetentionService;
}

export interface ServiceOptions {
  /** `[features] enable_repository_analysis` (default true). */
  repositoryAnalysis?: boolean;
  /** `[features] operation_pickup_timeout`, minutes (default 30). */
  operationPickupTimeout?: number;
  /** `[features] offline_after`, minutes (default 10). */
  offlineAfter?: number;
  /** `[features] sync_timeout`, minutes (default 60). */
  syncTimeout?: number;
  notifier?: Notifier;
  /** `[alerts]` (config.ts defaults them to the seed's thresholds). */
  alertThresholds: AlertThresholds;
  /** `[retention]` and `[features] max_state_history` (retentionSettings(config)); defaults otherwise. */
  retention?: Partial<RetentionSettings>;
}

/** What the health, alert and metrics services read besides the context: the database handle and the migrations. */
export interface HealthDeps {
  database: Pick<DatabaseHandle, 'db' | 'dialect' | 'ping' | 'poolStats'>;
  migrator: Pick<Migrator, 'status'>;
  startedAt: Date;
}

export function createServices(ctx: ServiceContext, health: HealthDeps, options: ServiceOptions): Services {
  const notifier = options.notifier ?? new Notifier(ctx.clock);
  const seenResolution = lastSeenResolutionMs(options.offlineAfter ?? 10);
  const apiKeys = new ApiKeyService(ctx, notifier, seenResolution);
  const driftTracker = new DriftTracker(ctx, notifier, DRIFT_HISTORY_MAX_SAMPLES, STEP_MEMBERS[health.database.dialect]);
  const reports = new ReportService(ctx, driftTracker, notifier, health.database.dialect, seenResolution);
  const alerts = new AlertService(ctx, health.database.dialect, options.alertThresholds);
  return {
    apiKeys,
    pools: new PoolService(ctx, driftTracker, notifier),
    poolTargets: new PoolTargetService(ctx, driftTracker, notifier),
    endpoints: new EndpointService(ctx, apiKeys, driftTracker, notifier),
    enrollment: new EnrollmentService(ctx, apiKeys, notifier),
    states: new StateService(ctx),
    events: new EventService(ctx),
    notifier,
    realtime: new WsHub(notifier, ctx.db, ctx.clock, apiKeys),
    driftTracker,
    reports,
    syncs: new SyncService(ctx, driftTracker, notifier, options.operationPickupTimeout),
    setLatest: new SetLatestService(ctx, driftTracker, notifier),
    operations: new OperationService(ctx, driftTracker, notifier, reports),
    analysis: new AnalysisService(ctx, driftTracker, { enabled: options.repositoryAnalysis ?? true }),
    health: new HealthService(health.database, health.migrator, ctx.clock, health.startedAt, () => alerts.active()),
    alerts,
    metrics: new MetricsService(health.database),
    upkeep: new FleetUpkeepService(ctx, driftTracker, notifier, {
      offlineAfter: options.offlineAfter ?? 10,
      syncTimeout: options.syncTimeout ?? 60,
      pickupTimeout: options.operationPickupTimeout ?? 30,
    }),
    retention: new RetentionService(ctx, options.retention),
  };
}
