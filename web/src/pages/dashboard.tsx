// The dashboard: pools with their drift over time, endpoints by status and sync status,
// operations in progress (live progress bars), recent failures; jobs and alerts only when the
// server offers them.
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { EventView, OperationView, PageOf, PoolView } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { useLiveChannels } from '../api/live.js';
import { useDriftHistory, useEvents, usePools, useServerFeatures } from '../api/queries.js';
import { DriftChart } from '../components/drift-chart.js';
import { ActiveAlerts, JobHealth } from '../components/jobs-alerts.js';
import { ago, Badge, ErrorNote, Loading, Progress } from '../components/ui.js';

const STATUSES = ['online', 'offline', 'error'] as const;
const SYNC = ['in_sync', 'behind', 'ahead', 'sync_pending', 'unknown'] as const;

function useEndpointCounts() {
  return useQuery({
    queryKey: ['dashboard', 'endpoint-counts'],
    queryFn: async () => {
      const count = async (q: Record<string, string>) => (await api.get<PageOf<unknown>>('/endpoints', { ...q, limit: 1 })).total;
      const [total, ...rest] = await Promise.all([
        count({}),
        ...STATUSES.map((s) => count({ status: s })),
        ...SYNC.map((s) => count({ sync_status: s })),
        count({ approval: 'pending' }),
      ]);
      return {
        total: total!,
        status: Object.fromEntries(STATUSES.map((s, i) => [s, rest[i]!])),
        sync: Object.fromEntries(SYNC.map((s, i) => [s, rest[STATUSES.length + i]!])),
        pending: rest[rest.length - 1]!,
      };
    },
  });
}

function PoolCard({ pool }: { pool: PoolView }) {
  const history = useDriftHistory(pool.id);
  return (
    <article className="card">
      <h3>
        <Link href={`/pools/${pool.id}`}>{pool.name}</Link> <span className="muted">{pool.endpoint_count} members</span>
      </h3>
      {history.data ? <DriftChart history={history.data} height={120} /> : <ErrorNote error={history.error} />}
    </article>
  );
}

function ActiveOperations({ pools }: { pools: PoolView[] }) {
  const results = useQueries({
    queries: pools.flatMap((p) =>
      (['in_progress', 'pending'] as const).map((status) => ({
        queryKey: ['operations', 'pool', p.id, { status }],
        queryFn: () => api.get<PageOf<OperationView>>(`/pools/${p.id}/operations`, { status, limit: 50 }),
      })),
    ),
  });
  const ops = results.flatMap((r) => r.data?.items ?? []);
  const poolName = new Map(pools.map((p) => [p.id, p.name]));
  if (ops.length === 0) return <p className="muted">No operation is running or waiting.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>operation</th>
          <th>pool</th>
          <th>endpoint</th>
          <th>status</th>
          <th>progress</th>
        </tr>
      </thead>
      <tbody>
        {ops.map((o) => (
          <tr key={o.id}>
            <td>{o.operation_type.replace(/_/g, ' ')}</td>
            <td>{o.pool_id ? poolName.get(o.pool_id) : '—'}</td>
            <td>{o.endpoint_id ? <Link href={`/endpoints/${o.endpoint_id}`}>open</Link> : '—'}</td>
            <td>
              <Badge value={o.status} />
            </td>
            <td>
              <Progress value={o.progress} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Failures({ items }: { items: EventView[] }) {
  if (items.length === 0) return <p className="muted">No recent failures.</p>;
  return (
    <ul className="events">
      {items.map((e) => (
        <li key={e.id}>
          <Badge value={e.severity} /> {e.message} <span className="muted">{ago(e.created_at)}</span>
        </li>
      ))}
    </ul>
  );
}

export function DashboardPage() {
  const pools = usePools();
  const counts = useEndpointCounts();
  const failures = useEvents({ severity: 'error', limit: 10 });
  const features = useServerFeatures();
  useLiveChannels((pools.data?.items ?? []).map((p) => `pool.${p.id}`));
  return (
    <>
      <h1>Dashboard</h1>
      <section aria-label="Endpoints" className="stats">
        {counts.data ? (
          <>
            <Link href="/endpoints" className="stat">
              <strong>{counts.data.total}</strong> endpoints
            </Link>
            {STATUSES.map((s) => (
              <Link key={s} href={`/endpoints?status=${s}`} className="stat">
                <strong>{counts.data.status[s]}</strong> <Badge value={s} />
              </Link>
            ))}
            {SYNC.map((s) => (
              <Link key={s} href={`/endpoints?sync_status=${s}`} className="stat">
                <strong>{counts.data.sync[s]}</strong> <Badge value={s} />
              </Link>
            ))}
            {counts.data.pending > 0 && (
              <Link href="/endpoints?approval=pending" className="stat">
                <strong>{counts.data.pending}</strong> <Badge value="pending" /> approval
              </Link>
            )}
          </>
        ) : (
          <Loading />
        )}
      </section>
      <h2>Pools</h2>
      {pools.isPending ? (
        <Loading />
      ) : pools.data?.items.length === 0 ? (
        <p className="muted">
          No pools yet. <Link href="/pools">Create one</Link>.
        </p>
      ) : null}
      <div className="cards">
        {pools.data?.items.map((p) => (
          <PoolCard key={p.id} pool={p} />
        ))}
      </div>
      <h2>Operations in progress</h2>
      {pools.data && <ActiveOperations pools={pools.data.items} />}
      <h2>Recent failures</h2>
      {failures.data ? <Failures items={failures.data.items} /> : <ErrorNote error={failures.error} />}
      {features.data?.alerts && (
        <>
          <h2>Active alerts</h2>
          <ActiveAlerts />
        </>
      )}
      {features.data?.jobs && (
        <>
          <h2>Job health</h2>
          <JobHealth />
        </>
      )}
    </>
  );
}
