// One pool: members with their drift, the drift chart, the target's packages, target history
// with a diff of any two states and revert, "sync all" with a preview, settings, analysis and
// operations. Subscribed to pool.<id>: every change on the server shows without reload.
import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { PoolDetail, SyncAllResult } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { useLiveChannels } from '../api/live.js';
import { canWrite } from '../api/session.js';
import { useDriftHistory, usePool, usePoolMembers } from '../api/queries.js';
import { DriftChart } from '../components/drift-chart.js';
import { Tabs } from '../components/tabs.js';
import { PoolSettingsForm } from '../components/pool-settings-form.js';
import { ago, Badge, Dialog, Empty, ErrorNote, Loading, Write } from '../components/ui.js';
import { AnalysisPanel } from './pool-analysis.js';
import { PackagesPanel, TargetHistoryPanel } from './pool-states.js';
import { OperationsTable } from './operations.js';

const TABS = ['members', 'packages', 'history', 'analysis', 'operations', 'settings'] as const;
type Tab = (typeof TABS)[number];

function n(summary: Record<string, unknown> | null, key: string): number | string {
  const v = summary?.[key];
  return typeof v === 'number' ? v : '—';
}

function Members({ poolId }: { poolId: string }) {
  const members = usePoolMembers(poolId);
  if (members.isPending) return <Loading what="members" />;
  if (members.error) return <ErrorNote error={members.error} />;
  if (members.data.items.length === 0) return <Empty>No members. Register a machine with an enroll key for this pool (Keys).</Empty>;
  return (
    <table data-testid="members">
      <thead>
        <tr>
          <th>endpoint</th>
          <th>status</th>
          <th>sync status</th>
          <th>missing</th>
          <th>behind</th>
          <th>ahead</th>
          <th>extra</th>
          <th>last seen</th>
        </tr>
      </thead>
      <tbody>
        {members.data.items.map((e) => (
          <tr key={e.id} data-endpoint={e.name}>
            <td>
              <Link href={`/endpoints/${e.id}`}>{e.name}</Link>
              {e.approval !== 'approved' && <Badge value={e.approval} />}
            </td>
            <td>
              <Badge value={e.status} />
            </td>
            <td data-testid="sync-status">
              <Badge value={e.sync_status} />
            </td>
            <td>{n(e.package_summary, 'missing')}</td>
            <td>{n(e.package_summary, 'behind')}</td>
            <td>{n(e.package_summary, 'ahead')}</td>
            <td>{n(e.package_summary, 'extra')}</td>
            <td>{ago(e.last_seen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SyncAll({ poolId, onClose }: { poolId: string; onClose: () => void }) {
  const qc = useQueryClient();
  const preview = useMutation({ mutationFn: () => api.post<SyncAllResult>(`/pools/${poolId}/sync-all`, { dry_run: true }) });
  const run = useMutation({
    mutationFn: () => api.post<SyncAllResult>(`/pools/${poolId}/sync-all`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['operations'] }),
  });
  useEffect(() => preview.mutate(), []);
  const result = run.data ?? preview.data;
  // Members with an empty plan get no operation (the server skips them with NOTHING_TO_DO).
  const toRun = result?.created.filter((c) => c.total_packages > 0).length ?? 0;
  return (
    <Dialog title={run.data ? 'Sync all: operations created' : 'Sync all: preview'} onClose={onClose} wide>
      {preview.isPending && <Loading what="the preview" />}
      <ErrorNote error={preview.error ?? run.error} />
      {result && (
        <>
          <table>
            <thead>
              <tr>
                <th>endpoint</th>
                <th>would do</th>
              </tr>
            </thead>
            <tbody>
              {result.created.map((c) => (
                <tr key={c.endpoint_id}>
                  <td>{c.endpoint_name}</td>
                  <td>
                    {c.total_packages === 0 ? (
                      <span className="muted">nothing to do</span>
                    ) : (
                      `${c.total_packages} package change${c.total_packages === 1 ? '' : 's'}`
                    )}{' '}
                    {c.blocked && <Badge value="blocked" />} {c.operation_id && <Badge value="pending" />}
                  </td>
                </tr>
              ))}
              {result.skipped.map((s) => (
                <tr key={s.endpoint_id}>
                  <td>{s.endpoint_name}</td>
                  <td className="muted">
                    skipped: {s.reason} ({s.code})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!run.data && (
            <div className="actions">
              <button type="button" className="primary" disabled={toRun === 0 || run.isPending} onClick={() => run.mutate()}>
                Start {toRun} sync{toRun === 1 ? '' : 's'}
              </button>
              <button type="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}

/**
 * Deleting a pool, as the server does it: its members stay registered but leave it (no pool: no
 * target, drift unknown), and every state and operation recorded in the pool goes with it — its
 * target history, the members' reports made while in it (until each reports again) and their
 * operations — as does its drift history. The server refuses a pool with members unless
 * `force=true`, which this dialog sends only after naming them. The deletion itself is the page's
 * (`del`): while it runs the page shows nothing of the pool, so nothing refetches a pool about to
 * be gone.
 */
function DeletePool({ pool, del, onClose }: { pool: PoolDetail; del: UseMutationResult<unknown, Error, boolean>; onClose: () => void }) {
  const members = usePoolMembers(pool.id);
  const items = members.data?.items ?? [];
  const count = members.data?.total ?? 0;
  return (
    <Dialog title={`Delete pool “${pool.name}”?`} onClose={onClose}>
      {members.isPending ? (
        <Loading what="its members" />
      ) : count === 0 ? (
        <p>It has no members. Its target history, operations and drift history are deleted.</p>
      ) : (
        <div data-testid="delete-pool-members">
          <p>
            Its {count} member{count === 1 ? '' : 's'} (
            {items
              .slice(0, 10)
              .map((e) => e.name)
              .join(', ')}
            {count > 10 ? `, and ${count - 10} more` : ''}) {count === 1 ? 'stays registered but leaves' : 'stay registered but leave'} the pool: no
            pool, no target, drift unknown until you move {count === 1 ? 'it' : 'them'} to another pool and{' '}
            {count === 1 ? 'it reports' : 'they report'} again.
          </p>
          <p>Deleted with it: its target history, the states its members reported while in it, their operations in it, and its drift history.</p>
        </div>
      )}
      <ErrorNote error={del.error ?? members.error} />
      <div className="actions">
        <button type="button" className="danger" disabled={members.isPending || del.isPending} onClick={() => del.mutate(count > 0)}>
          Delete {pool.name}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

export function PoolPage({ id }: { id: string }) {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const del = useMutation({
    mutationFn: (force: boolean) => api.del(`/pools/${id}`, force ? { force: true } : undefined),
    onSuccess: () => {
      navigate('/pools');
      qc.removeQueries({ queryKey: ['pool', id] });
      void qc.invalidateQueries({ queryKey: ['pools'] });
      void qc.invalidateQueries({ queryKey: ['endpoints'] });
    },
  });
  const going = del.isPending || del.isSuccess;
  const pool = usePool(id, !going);
  const history = useDriftHistory(id, !going);
  const [tab, setTab] = useState<Tab>('members');
  const [syncAll, setSyncAll] = useState(false);
  const [deleting, setDeleting] = useState(false);
  useLiveChannels([`pool.${id}`]);
  if (going) return <p className="muted">Deleting the pool…</p>;
  if (pool.isPending) return <Loading what="the pool" />;
  if (pool.error) return <ErrorNote error={pool.error} />;
  const p = pool.data;
  const stats = p.statistics;
  return (
    <>
      <div className="title-row">
        <h1>
          <Link href="/pools">Pools</Link> / {p.name}
        </h1>
        <Write>
          <div className="actions">
            <button type="button" className="primary" disabled={!p.target_state_id} onClick={() => setSyncAll(true)}>
              Sync all…
            </button>
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              Delete pool…
            </button>
          </div>
        </Write>
      </div>
      {p.description && <p>{p.description}</p>}
      <p className="stats-line">
        {stats.total_endpoints} members ·{' '}
        {Object.entries(stats.by_sync_status)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`)
          .join(' · ') || 'no reports yet'}
        {' · '}
        {p.target_state ? (
          <>
            target: {p.target_state.total_packages} packages, set {ago(p.target_state.created_at)}
            {p.target_state.created_by ? ` by ${p.target_state.created_by}` : ''}
          </>
        ) : (
          'no target yet'
        )}
      </p>
      {history.data && <DriftChart history={history.data} />}
      <Tabs label="Pool" tabs={TABS} value={tab} onChange={setTab}>
        {tab === 'members' && <Members poolId={id} />}
        {tab === 'packages' &&
          (p.target_state_id ? <PackagesPanel stateId={p.target_state_id} /> : <Empty>No target yet: a member sets it with “set as target”.</Empty>)}
        {tab === 'history' && <TargetHistoryPanel pool={p} />}
        {tab === 'analysis' && <AnalysisPanel pool={p} />}
        {tab === 'operations' && <OperationsTable poolId={id} />}
        {tab === 'settings' && (
          <>{canWrite() ? <PoolSettingsForm key={p.updated_at} pool={p} onDone={() => undefined} /> : <SettingsReadOnly settings={p.settings} />}</>
        )}
      </Tabs>
      {syncAll && <SyncAll poolId={id} onClose={() => setSyncAll(false)} />}
      {deleting && <DeletePool pool={p} del={del} onClose={() => setDeleting(false)} />}
    </>
  );
}

function SettingsReadOnly({ settings }: { settings: Record<string, unknown> }) {
  return (
    <dl className="settings">
      {Object.entries(settings).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{Array.isArray(v) ? v.join(', ') || '—' : v === null ? '—' : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
