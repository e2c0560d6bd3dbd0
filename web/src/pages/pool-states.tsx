// A pool's target: its packages (searchable, sortable) and its history, with a side-by-side diff
// of any two states and "revert target" confirmed by naming what would change.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { PoolDetail } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { useState_, useTargetHistory } from '../api/queries.js';
import { StateDiffView } from '../components/state-diff.js';
import { Dialog, ErrorNote, formatBytes, formatTime, Loading, Write } from '../components/ui.js';

interface Row {
  name: string;
  version: string;
  repository: string;
  size: number;
}
type SortKey = keyof Row;

export function PackagesPanel({ stateId }: { stateId: string }) {
  const state = useState_(stateId);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const rows = useMemo<Row[]>(() => {
    const pk = (state.data?.state_data.packages ?? {}) as Record<string, { version: string; repository: string | null; size: number }>;
    const all = Object.entries(pk).map(([name, p]) => ({ name, version: p.version, repository: p.repository ?? '(foreign)', size: p.size }));
    const q = search.trim().toLowerCase();
    const shown = q ? all.filter((r) => r.name.includes(q) || r.repository.toLowerCase().includes(q)) : all;
    const dir = sort.desc ? -1 : 1;
    return shown.sort((a, b) =>
      typeof a[sort.key] === 'number'
        ? ((a[sort.key] as number) - (b[sort.key] as number)) * dir
        : String(a[sort.key]).localeCompare(String(b[sort.key])) * dir,
    );
  }, [state.data, search, sort]);
  if (state.isPending) return <Loading what="packages" />;
  if (state.error) return <ErrorNote error={state.error} />;
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="ghost" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : false })}>
        {label} {sort.key === key ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  return (
    <>
      <input
        type="search"
        aria-label="Search packages"
        placeholder="Search packages or repositories"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <p className="muted">
        {rows.length} of {state.data.total_packages} packages
      </p>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              {header('name', 'package')}
              {header('version', 'version')}
              {header('repository', 'repository')}
              {header('size', 'size')}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td>{r.version}</td>
                <td>{r.repository}</td>
                <td>{formatBytes(r.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function TargetHistoryPanel({ pool }: { pool: PoolDetail }) {
  const history = useTargetHistory(pool.id);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [revertTo, setRevertTo] = useState<string | null>(null);
  const qc = useQueryClient();
  const revert = useMutation({
    mutationFn: (stateId: string) => api.post(`/pools/${pool.id}/revert-target`, { state_id: stateId }),
    onSuccess: () => {
      setRevertTo(null);
      void qc.invalidateQueries({ queryKey: ['pool', pool.id] });
    },
  });
  if (history.isPending) return <Loading what="history" />;
  if (history.error) return <ErrorNote error={history.error} />;
  const items = history.data.items;
  if (items.length === 0) return <p className="muted">No target yet.</p>;
  const a = from ?? items[1]?.id ?? null;
  const b = to ?? items[0]?.id ?? null;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>from</th>
            <th>to</th>
            <th>set</th>
            <th>by</th>
            <th>message</th>
            <th>packages</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id} className={s.is_target ? 'current' : undefined}>
              <td>
                <input
                  type="radio"
                  name="diff-from"
                  aria-label={`compare from ${formatTime(s.created_at)}`}
                  checked={a === s.id}
                  onChange={() => setFrom(s.id)}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="diff-to"
                  aria-label={`compare to ${formatTime(s.created_at)}`}
                  checked={b === s.id}
                  onChange={() => setTo(s.id)}
                />
              </td>
              <td>
                {formatTime(s.created_at)} {s.is_target && <span className="badge badge-in_sync">current</span>}
              </td>
              <td>{s.created_by ?? '—'}</td>
              <td>{s.message ?? ''}</td>
              <td>{s.total_packages}</td>
              <td>
                {!s.is_target && (
                  <Write>
                    <button type="button" onClick={() => setRevertTo(s.id)}>
                      Revert to this…
                    </button>
                  </Write>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Difference</h3>
      {a && b ? <StateDiffView from={a} to={b} /> : <p className="muted">Only one target so far: nothing to compare.</p>}
      {revertTo && pool.target_state_id && (
        <Dialog title="Revert the target" onClose={() => setRevertTo(null)} wide>
          <p>The pool's target would change like this (from the current target to the chosen one); members then drift against it:</p>
          <StateDiffView from={pool.target_state_id} to={revertTo} />
          <ErrorNote error={revert.error} />
          <div className="actions">
            <button type="button" className="danger" disabled={revert.isPending} onClick={() => revert.mutate(revertTo)}>
              Revert the target
            </button>
            <button type="button" onClick={() => setRevertTo(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
