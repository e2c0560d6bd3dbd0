// The operation log: the whole fleet's (GET /operations) or one pool's, filtered by status and
// type, newest first; running ones show live progress (pool.<id> messages refresh it).
import { Fragment, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { OperationView, SyncPlanSchema } from '../../../src/contracts/index.js';
import type { Static } from '@sinclair/typebox';
import { useLiveChannels } from '../api/live.js';
import { useFleetOperations, usePoolOperations, usePools } from '../api/queries.js';
import { PlanView } from '../components/plan-view.js';
import { Badge, Empty, ErrorNote, formatTime, Loading, Progress } from '../components/ui.js';

const STATUSES = ['', 'pending', 'in_progress', 'completed', 'failed', 'cancelled', 'expired'];
const TYPES = ['', 'sync_to_latest', 'set_as_latest', 'revert_to_previous', 'repository_analysis'];
const PAGE = 50;

function hasPlan(details: Record<string, unknown>): details is Static<typeof SyncPlanSchema> & Record<string, unknown> {
  return Array.isArray(details.packages_to_install) && Array.isArray(details.packages_to_upgrade);
}

export function OperationRows({
  items,
  showEndpoint = true,
  poolNames,
}: {
  items: OperationView[];
  showEndpoint?: boolean;
  poolNames?: Map<string, string>;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const columns = 5 + (showEndpoint ? 1 : 0) + (poolNames ? 1 : 0);
  return (
    <table data-testid="operations">
      <thead>
        <tr>
          <th>created</th>
          <th>operation</th>
          {poolNames && <th>pool</th>}
          {showEndpoint && <th>endpoint</th>}
          <th>status</th>
          <th>progress</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((o) => (
          <Fragment key={o.id}>
            <tr>
              <td>{formatTime(o.created_at)}</td>
              <td>{o.operation_type.replace(/_/g, ' ')}</td>
              {poolNames && <td>{o.pool_id ? <Link href={`/pools/${o.pool_id}`}>{poolNames.get(o.pool_id) ?? 'pool'}</Link> : '—'}</td>}
              {showEndpoint && <td>{o.endpoint_id ? <Link href={`/endpoints/${o.endpoint_id}`}>endpoint</Link> : '—'}</td>}
              <td>
                <Badge value={o.status} />
              </td>
              <td>{o.status === 'in_progress' || o.status === 'pending' ? <Progress value={o.progress} /> : `${o.progress}%`}</td>
              <td>
                <button type="button" className="ghost" aria-expanded={open === o.id} onClick={() => setOpen(open === o.id ? null : o.id)}>
                  {open === o.id ? 'Hide' : 'Details'}
                </button>
              </td>
            </tr>
            {open === o.id && (
              <tr className="details-row">
                <td colSpan={columns}>
                  {o.error_message && <p className="error">{o.error_message}</p>}
                  {hasPlan(o.details) ? <PlanView plan={o.details} /> : <pre>{JSON.stringify(o.details, null, 2)}</pre>}
                  <p className="muted">
                    started {formatTime(o.started_at)} · finished {formatTime(o.completed_at)}
                  </p>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

/** One pool's operations (the pool page). */
export function OperationsTable({ poolId }: { poolId: string }) {
  return <FilteredOperations scope={{ pool: poolId }} />;
}

/**
 * `scope.pool`: that pool's operations (GET /pools/{id}/operations); `scope.fleet`: every pool's
 * (GET /operations), or one pool's when it names one.
 */
function FilteredOperations({
  scope,
  extraFilters,
  poolNames,
}: {
  scope: { pool: string } | { fleet: string | undefined };
  extraFilters?: ReactNode;
  poolNames?: Map<string, string>;
}) {
  const [status, setStatus] = useState('');
  const [type, setType] = useState('');
  const [offset, setOffset] = useState(0);
  const filter = { status: status || undefined, operation_type: type || undefined, limit: PAGE, offset };
  const poolOps = usePoolOperations('pool' in scope ? scope.pool : null, filter);
  const fleetOps = useFleetOperations({ ...filter, pool_id: 'fleet' in scope ? scope.fleet : undefined }, 'fleet' in scope);
  const ops = 'pool' in scope ? poolOps : fleetOps;
  return (
    <>
      <div className="filters">
        {extraFilters}
        <label>
          status{' '}
          <select value={status} onChange={(e) => (setStatus(e.target.value), setOffset(0))}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? s.replace(/_/g, ' ') : 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          type{' '}
          <select value={type} onChange={(e) => (setType(e.target.value), setOffset(0))}>
            {TYPES.map((s) => (
              <option key={s} value={s}>
                {s ? s.replace(/_/g, ' ') : 'any'}
              </option>
            ))}
          </select>
        </label>
      </div>
      {ops.isPending && <Loading />}
      <ErrorNote error={ops.error} />
      {ops.data && (ops.data.items.length === 0 ? <Empty>No operations.</Empty> : <OperationRows items={ops.data.items} poolNames={poolNames} />)}
      {ops.data && (
        <div className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </button>
          <span className="muted">
            {ops.data.total === 0 ? 0 : offset + 1}–{offset + ops.data.items.length} of {ops.data.total}
          </span>
          <button type="button" disabled={!ops.data.has_more} onClick={() => setOffset(offset + PAGE)}>
            Older
          </button>
        </div>
      )}
    </>
  );
}

export function OperationsPage() {
  const pools = usePools();
  const [poolId, setPoolId] = useState('');
  const poolNames = new Map((pools.data?.items ?? []).map((p) => [p.id, p.name]));
  useLiveChannels(poolId ? [`pool.${poolId}`] : (pools.data?.items ?? []).map((p) => `pool.${p.id}`));
  const poolFilter = (
    <label>
      pool{' '}
      <select value={poolId} onChange={(e) => setPoolId(e.target.value)}>
        <option value="">all pools</option>
        {(pools.data?.items ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <h1>Operations</h1>
      {/* Remounted per pool, so paging starts again at the newest. */}
      <FilteredOperations key={poolId} scope={{ fleet: poolId || undefined }} extraFilters={poolFilter} poolNames={poolNames} />
    </>
  );
}
