// Prometheus metrics (issue #12, item 5; seed "Monitoring and Metrics") for GET /metrics. One
// registry per app (never prom-client's global one), so tests may build many apps in one process.
//
// What the database knows (pools, endpoints, operations, alerts) is read at scrape time with one
// grouped query per metric, so every server instance answers the same true numbers, also right
// after a restart. What only this process knows (HTTP request durations, its connection pool, Node's
// own process metrics) is kept in process. More metrics:
//
//   services.metrics.addGauge({ name: 'pacman_sync_job_runs', help: '…', labelNames: ['job', 'outcome'] },
//     async () => (await countJobRuns(db)).map((r) => ({ labels: { job: r.job, outcome: r.outcome }, value: r.n })));
//   services.metrics.register(new Counter({ name: …, help: …, registers: [] }));   // updated in process
//
// Label values are names and statuses only, never an id or a key (route patterns, not URLs).
import { type Metric, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabaseHandle, PoolStats } from '../../db/database.js';
import { listAlerts } from '../../db/alert.repository.js';
import { countEndpointsBy, countOperationsByTypeAndStatus, countPools, operationDurations } from '../../db/monitoring.repository.js';

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

export interface GaugeSpec {
  name: string;
  help: string;
  labelNames?: readonly string[];
}

/** Seconds: an operation waits for its agent and pacman downloads, so up to an hour and more. */
export const OPERATION_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600] as const;
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class MetricsService {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status_code'>;
  private processMetrics = false;
  /** The pool as the scrape found it, before its own queries took connections. */
  private pool: PoolStats = { max: 0, open: 0, in_use: 0, waiting: 0 };
  /** prom-client collects every metric at once; their queries take turns on one connection. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly database: Pick<DatabaseHandle, 'db' | 'dialect' | 'poolStats'>) {
    this.http = new Histogram({
      name: 'pacman_sync_http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_BUCKETS,
      registers: [this.registry],
    });
    this.addDatabaseGauges();
    this.addOperationDurations();
    this.addPoolGauges();
  }

  /** The Prometheus text of every metric (process metrics start with the first scrape). */
  async scrape(): Promise<string> {
    this.pool = this.database.poolStats();
    if (!this.processMetrics) {
      this.processMetrics = true;
      collectDefaultMetrics({ register: this.registry });
    }
    return this.registry.metrics();
  }

  /** A gauge whose samples `read` returns at every scrape (it replaces the previous ones). */
  addGauge(spec: GaugeSpec, read: () => Promise<Sample[]>): void {
    const serial = this.serial.bind(this);
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: [...(spec.labelNames ?? [])],
      registers: [this.registry],
      collect: async function (this: Gauge) {
        const samples = await serial(read);
        this.reset();
        for (const s of samples) {
          if (s.labels) this.set(s.labels, s.value);
          else this.set(s.value);
        }
      },
    });
  }

  /** Runs `fn` after the reads queued before it (one database connection per scrape). */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Any prom-client metric (a Counter or Histogram updated in process); build it with `registers: []`. */
  register(metric: Metric): void {
    this.registry.registerMetric(metric);
  }

  /** One answered request; `route` is the route pattern (`/api/v1/pools/:id`), or null when none matched. */
  observeRequest(method: string, route: string | null, statusCode: number, seconds: number): void {
    this.http.observe({ method, route: route ?? 'unmatched', status_code: String(statusCode) }, seconds);
  }

  private addDatabaseGauges(): void {
    const { db } = this.database;
    this.addGauge({ name: 'pacman_sync_pools_total', help: 'Pools' }, async () => [{ value: await countPools(db) }]);
    this.addGauge({ name: 'pacman_sync_endpoints_total', help: 'Endpoints' }, async () => {
      const rows = await countEndpointsBy(db, 'status');
      return [{ value: rows.reduce((sum, r) => sum + r.n, 0) }];
    });
    this.addGauge(
      { name: 'pacman_sync_endpoints_by_status', help: 'Endpoints by status (online, offline, error, …)', labelNames: ['status'] },
      async () => (await countEndpointsBy(db, 'status')).map((r) => ({ labels: { status: r.value }, value: r.n })),
    );
    this.addGauge(
      { name: 'pacman_sync_endpoints_by_sync_status', help: 'Endpoints by sync status (in_sync, behind, ahead, …)', labelNames: ['sync_status'] },
      async () => (await countEndpointsBy(db, 'sync_status')).map((r) => ({ labels: { sync_status: r.value }, value: r.n })),
    );
    this.addGauge(
      { name: 'pacman_sync_operations_total', help: 'Operations in the operation log by type and status', labelNames: ['type', 'status'] },
      async () => (await countOperationsByTypeAndStatus(db)).map((r) => ({ labels: { type: r.operation_type, status: r.status }, value: r.n })),
    );
    this.addGauge(
      { name: 'pacman_sync_alerts_active', help: 'Alerts: 1 while raised, 0 once cleared (GET /api/v1/alerts)', labelNames: ['name', 'severity'] },
      async () =>
        (await listAlerts(db, new Date(0))).map((a) => ({ labels: { name: a.name, severity: a.severity }, value: a.cleared_at === null ? 1 : 0 })),
    );
  }

  /**
   * A histogram computed from the operation log at scrape time rather than observed in process:
   * it counts every operation however it ended (an agent's report, expiry, the stale-operation
   * job, another instance) and survives restarts. Retention deleting old operations makes it
   * shrink, which Prometheus' rate() reads as a counter reset.
   */
  private addOperationDurations(): void {
    const { db, dialect } = this.database;
    const name = 'pacman_sync_operation_duration_seconds';
    const serial = this.serial.bind(this);
    const metric = {
      name,
      help: 'Duration of finished operations (started to completed), by type and final status',
      type: 'histogram',
      aggregator: 'sum',
      reset() {},
      async get() {
        const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
        for (const g of await serial(() => operationDurations(db, dialect, OPERATION_DURATION_BUCKETS))) {
          const labels = { type: g.operation_type, status: g.status };
          OPERATION_DURATION_BUCKETS.forEach((le, i) =>
            values.push({ metricName: `${name}_bucket`, labels: { ...labels, le }, value: g.buckets[i] ?? 0 }),
          );
          values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: g.count });
          values.push({ metricName: `${name}_sum`, labels, value: g.sum });
          values.push({ metricName: `${name}_count`, labels, value: g.count });
        }
        return { name, help: metric.help, type: 'histogram', aggregator: 'sum', values };
      },
    };
    this.registry.registerMetric(metric as unknown as Metric);
  }

  private addPoolGauges(): void {
    const stats = () => this.pool;
    this.addGauge({ name: 'pacman_sync_db_pool_max', help: 'Database connections the pool may open (SQLite: 1)' }, async () => [
      { value: stats().max },
    ]);
    this.addGauge({ name: 'pacman_sync_db_pool_open', help: 'Database connections open' }, async () => [{ value: stats().open }]);
    this.addGauge({ name: 'pacman_sync_db_pool_in_use', help: 'Database connections running a query (SQLite: always 0)' }, async () => [
      { value: stats().in_use },
    ]);
    this.addGauge({ name: 'pacman_sync_db_pool_waiting', help: 'Queries waiting for a database connection (SQLite: always 0)' }, async () => [
      { value: stats().waiting },
    ]);
  }
}
