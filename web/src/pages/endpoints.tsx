// Every endpoint: filters and search go to the server, pages of PAGE rows are fetched as they
// scroll into view (server-side pagination), and only the visible rows are rendered
// (TanStack Virtual), so 10,000 endpoints scroll as smoothly as ten.
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { EndpointSortField, EndpointView, PageOf, SortOrder } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { usePools } from '../api/queries.js';
import { ago, Badge, ErrorNote, formatTime } from '../components/ui.js';

const PAGE = 100;
const ROW_HEIGHT = 40;

interface Filters {
  search: string;
  pool_id: string;
  status: string;
  sync_status: string;
  approval: string;
}

interface Sorting {
  sort: EndpointSortField;
  order: SortOrder;
}

const SORTS: readonly EndpointSortField[] = ['name', 'last_seen', 'status', 'sync_status', 'created_at'];

/** A column header that sorts the list on the server: first click ascending, the next reverses. */
function SortHeader({ field, label, sorting, onSort }: { field: EndpointSortField; label: string; sorting: Sorting; onSort: (s: Sorting) => void }) {
  const active = sorting.sort === field;
  return (
    <span role="columnheader" aria-sort={active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort({ sort: field, order: active && sorting.order === 'asc' ? 'desc' : 'asc' })}>
        {label}
        {active ? (sorting.order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </span>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function EndpointsPage() {
  const params = new URLSearchParams(useSearch());
  const [filters, setFilters] = useState<Filters>({
    search: params.get('search') ?? '',
    pool_id: params.get('pool_id') ?? '',
    status: params.get('status') ?? '',
    sync_status: params.get('sync_status') ?? '',
    approval: params.get('approval') ?? '',
  });
  const [sorting, setSorting] = useState<Sorting>(() => {
    const sort = params.get('sort') as EndpointSortField | null;
    return { sort: sort && SORTS.includes(sort) ? sort : 'name', order: params.get('order') === 'desc' ? 'desc' : 'asc' };
  });
  const applied = useDebounced(filters, 250);
  const pools = usePools();
  const poolName = useMemo(() => new Map((pools.data?.items ?? []).map((p) => [p.id, p.name])), [pools.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const [total, setTotal] = useState<number | null>(null);

  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  const pages =
    total === null ? [0] : Array.from({ length: Math.floor(last / PAGE) - Math.floor(first / PAGE) + 1 }, (_, i) => Math.floor(first / PAGE) + i);

  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ['endpoints', 'list', applied, sorting, page],
      queryFn: () =>
        api.get<PageOf<EndpointView>>('/endpoints', {
          limit: PAGE,
          offset: page * PAGE,
          search: applied.search.trim() || undefined,
          pool_id: applied.pool_id || undefined,
          status: applied.status || undefined,
          sync_status: applied.sync_status || undefined,
          approval: applied.approval || undefined,
          sort: sorting.sort,
          order: sorting.order,
        }),
      placeholderData: keepPreviousData,
    })),
  });
  const byIndex = new Map<number, EndpointView>();
  results.forEach((r, i) => r.data?.items.forEach((e, j) => byIndex.set(pages[i]! * PAGE + j, e)));
  const newestTotal = results.find((r) => r.data)?.data?.total;
  useEffect(() => {
    if (newestTotal !== undefined) setTotal(newestTotal);
  }, [newestTotal]);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [applied, sorting]);
  const error = results.find((r) => r.error)?.error;

  const select = (key: keyof Filters, label: string, values: readonly (readonly [string, string])[]) => (
    <label>
      {label}{' '}
      <select value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })}>
        <option value="">any</option>
        {values.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  const words = (xs: string[]) => xs.map((x) => [x, x.replace(/_/g, ' ')] as const);

  return (
    <>
      <h1>Endpoints</h1>
      <div className="filters">
        <input
          type="search"
          aria-label="Search endpoints"
          placeholder="Search name or host"
          value={filters.search}
          onChange={(e) => setFilters({ ...filters, search: e.target.value })}
        />
        {select(
          'pool_id',
          'pool',
          (pools.data?.items ?? []).map((p) => [p.id, p.name] as const),
        )}
        {select('status', 'status', words(['online', 'offline', 'error']))}
        {select('sync_status', 'sync', words(['in_sync', 'behind', 'ahead', 'sync_pending', 'unknown']))}
        {select('approval', 'approval', words(['pending', 'approved', 'rejected']))}
        <span className="muted" data-testid="endpoint-total">
          {total === null ? '' : `${total} endpoint${total === 1 ? '' : 's'}`}
        </span>
      </div>
      <ErrorNote error={error} />
      <div className="vtable" role="table" aria-label="Endpoints" aria-rowcount={total ?? 0}>
        <div className="vrow vhead" role="row">
          <SortHeader field="name" label="name" sorting={sorting} onSort={setSorting} />
          <span role="columnheader">host</span>
          <span role="columnheader">pool</span>
          <SortHeader field="status" label="status" sorting={sorting} onSort={setSorting} />
          <SortHeader field="sync_status" label="sync" sorting={sorting} onSort={setSorting} />
          <span role="columnheader">drift</span>
          <SortHeader field="last_seen" label="last seen" sorting={sorting} onSort={setSorting} />
          <SortHeader field="created_at" label="registered" sorting={sorting} onSort={setSorting} />
        </div>
        <div className="vbody" ref={scroller} data-testid="endpoint-scroller">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
            {rows.map((row) => {
              const e = byIndex.get(row.index);
              const s = (e?.package_summary ?? {}) as Record<string, number>;
              return (
                <div
                  key={row.key}
                  className="vrow"
                  role="row"
                  aria-rowindex={row.index + 1}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                >
                  {e ? (
                    <>
                      <span role="cell">
                        <Link href={`/endpoints/${e.id}`}>{e.name}</Link>
                      </span>
                      <span role="cell">{e.hostname}</span>
                      <span role="cell">{e.pool_id ? (poolName.get(e.pool_id) ?? '…') : '—'}</span>
                      <span role="cell">
                        <Badge value={e.status} />
                      </span>
                      <span role="cell">
                        <Badge value={e.sync_status} />
                      </span>
                      <span role="cell" className="muted">
                        {typeof s.behind === 'number' ? `${s.missing ?? 0} missing · ${s.behind} behind · ${s.ahead ?? 0} ahead` : '—'}
                      </span>
                      <span role="cell">{ago(e.last_seen)}</span>
                      <span role="cell" title={formatTime(e.created_at)}>
                        {ago(e.created_at)}
                      </span>
                    </>
                  ) : (
                    <span role="cell" className="muted">
                      …
                    </span>
                  )}
                </div>
              );
            })}
          </div>
          {total === 0 && <p className="muted empty">No endpoints match.</p>}
        </div>
      </div>
    </>
  );
}
