// Liveness and readiness (README "Server": `/health/live`, `/health/ready`). Live never touches
// the database. Ready does one round trip and checks that no migration is pending; when either fails
// it says why, and the route answers 503 (a load balancer takes the instance out until the
// database is back — the pool reconnects by itself, no restart needed). When it can serve but an
// alert is active (alert.service.ts) it answers `degraded`, still 200 — taking the instance out
// would not help a full disk or a failing fleet — listing the alerts, with the pool's usage.
import type { AlertView } from '../../contracts/alert.contract.js';
import type { JobView } from '../../contracts/job.contract.js';
import type { DatabaseHealth, LiveData, MigrationHealth, NotReadyDetails, ReadyData } from '../../contracts/health.contract.js';
import type { Clock } from '../../core/clock.js';
import type { DatabaseHandle } from '../../db/database.js';
import { describeDatabaseError } from '../../db/errors.js';
import type { Migrator } from '../../db/migrator.js';
import { VERSION } from '../version.js';

const PING_TIMEOUT_MS = 2000;

export type Readiness = { ready: true; data: ReadyData } | { ready: false; message: string; details: NotReadyDetails; cause?: unknown };

export class HealthService {
  private readonly engine: DatabaseHealth['engine'];
  /** The job scheduler's list (set by buildApp, which builds the scheduler after the services). */
  private jobs: () => Promise<JobView[]> = async () => [];
  private instance = '';

  constructor(
    private readonly database: Pick<DatabaseHandle, 'dialect' | 'ping' | 'poolStats'>,
    private readonly migrator: Pick<Migrator, 'status'>,
    private readonly clock: Clock,
    private readonly startedAt: Date,
    /** The active alerts (AlertService.active). */
    private readonly activeAlerts: () => Promise<AlertView[]>,
  ) {
    this.engine = database.dialect === 'pg' ? 'postgresql' : 'sqlite';
  }

  /** Adds the background jobs and this instance's name to readiness. */
  useJobs(list: () => Promise<JobView[]>, instance: string): void {
    this.jobs = list;
    this.instance = instance;
  }

  live(): LiveData {
    return { status: 'ok', uptime_seconds: this.uptime(), version: VERSION };
  }

  async readiness(): Promise<Readiness> {
    let db: DatabaseHealth;
    let migrations: MigrationHealth;
    let alerts: AlertView[];
    let jobs: JobView[];
    try {
      const latency = await this.database.ping(PING_TIMEOUT_MS);
      db = { engine: this.engine, reachable: true, latency_ms: Math.round(latency * 100) / 100 };
      const status = await this.migrator.status();
      const applied = status.filter((m) => m.applied).map((m) => m.version);
      migrations = { current: applied[applied.length - 1] ?? null, pending: status.filter((m) => !m.applied).map((m) => m.version) };
      // Before migration 008 there is no alerts table; the pending migration answers 503 below.
      alerts = migrations.pending.length > 0 ? [] : await this.activeAlerts();
      // Public answer: a failed run's error text stays in GET /jobs (admin, read keys).
      jobs =
        migrations.pending.length > 0
          ? []
          : (await this.jobs()).map((j) => (j.last_run ? { ...j, last_run: { ...j.last_run, error_message: null } } : j));
    } catch (err) {
      const reason = describeDatabaseError(err);
      const details: NotReadyDetails = {
        status: 'not_ready',
        database: { engine: this.engine, reachable: false, latency_ms: null, error: reason },
        migrations: null,
      };
      return { ready: false, message: `database unreachable: ${reason}`, details, cause: err };
    }
    if (migrations.pending.length > 0) {
      const message =
        `database schema is not up to date: migration ${migrations.pending.join(', ')} ` + `pending (run pacsync-server migrate --apply-all)`;
      return { ready: false, message, details: { status: 'not_ready', database: db, migrations } };
    }
    const failedJob = jobs.some((j) => j.enabled && j.last_run?.status === 'failed');
    const data: ReadyData = {
      status: alerts.length > 0 || failedJob ? 'degraded' : 'ready',
      version: VERSION,
      uptime_seconds: this.uptime(),
      database: db,
      migrations,
      pool: this.database.poolStats(),
      alerts,
      jobs,
      instance: this.instance,
    };
    return { ready: true, data };
  }

  private uptime(): number {
    return Math.max(0, (this.clock.now().getTime() - this.startedAt.getTime()) / 1000);
  }
}
