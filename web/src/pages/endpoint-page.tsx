// One endpoint: system info, drift against its pool's target (counts kept by the server; the
// package table is the diff target → its current state, both versions), operation history with
// plans and errors, and the actions — each previewed as a dry run first, then confirmed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { OperationWithPlan, SetLatestResult } from '../../../src/contracts/index.js';
import { api } from '../api/client.js';
import { useLiveChannels } from '../api/live.js';
import { useEndpoint, useEndpointOperations, usePool } from '../api/queries.js';
import { PlanView, planChangeCount } from '../components/plan-view.js';
import { EndpointDriftPanel } from '../components/endpoint-drift.js';
import { StateDiffView } from '../components/state-diff.js';
import { MoveEndpointDialog, RotateKeyDialog } from './endpoint-admin.js';
import { ago, Badge, Dialog, ErrorNote, formatTime, Loading, Write } from '../components/ui.js';
import { OperationRows } from './operations.js';

type Action = 'sync' | 'revert' | 'set-latest';

const TITLES: Record<Action, string> = { sync: 'Sync now', revert: 'Revert', 'set-latest': 'Set as target' };

function PreviewDialog({
  endpointId,
  action,
  onClose,
  diff,
}: {
  endpointId: string;
  action: Action;
  onClose: () => void;
  diff?: { from: string; to: string } | null;
}) {
  const qc = useQueryClient();
  const [force, setForce] = useState(false);
  const preview = useMutation({
    mutationFn: (f: boolean) =>
      api.post<OperationWithPlan | SetLatestResult>(`/endpoints/${endpointId}/${action}`, {
        dry_run: true,
        ...(action === 'revert' ? {} : { force: f }),
      }),
  });
  const confirm = useMutation({
    mutationFn: () => api.post<OperationWithPlan | SetLatestResult>(`/endpoints/${endpointId}/${action}`, action === 'revert' ? {} : { force }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['endpoint', endpointId] });
      void qc.invalidateQueries({ queryKey: ['operations'] });
    },
  });
  useEffect(() => preview.mutate(false), []);
  const p = preview.data;
  const done = confirm.data;
  return (
    <Dialog title={`${TITLES[action]}${done ? ': done' : ': preview (dry run)'}`} onClose={onClose} wide>
      {preview.isPending && <Loading what="the plan" />}
      <ErrorNote error={preview.error} />
      {p && 'plan' in p && <PlanView plan={p.plan} />}
      {p && 'changes' in p && (
        <div data-testid="set-latest-preview">
          <p>
            The pool's target would become this machine's {p.total_packages} packages: {p.changes.added} added, {p.changes.removed} removed,{' '}
            {p.changes.changed} changed against the current target.
          </p>
          {p.inconsistent && (
            <p className="error">
              Dependencies left unsatisfied: {p.unsatisfied_dependencies.map((d) => `${d.package} needs ${d.dependency} (${d.reason})`).join(', ')}
            </p>
          )}
          <p className="muted">
            Pool now: {p.pool_drift.in_sync} in sync, {p.pool_drift.behind} behind, {p.pool_drift.ahead} ahead.
          </p>
          {/* Package by package: the current target → this machine's state (the whole state only). */}
          {diff && p.packages === null && <StateDiffView from={diff.from} to={diff.to} />}
        </div>
      )}
      {done && (
        <p className="ok" role="status">
          {'target_state' in done
            ? `The pool's target is now this machine's state (${done.total_packages} packages).`
            : done.operation
              ? `Operation created (${done.operation.status}); the agent picks it up.`
              : 'Done.'}
        </p>
      )}
      <ErrorNote error={confirm.error} />
      {p && !done && (
        <div className="actions">
          {action !== 'revert' && (
            <label className="check">
              <input
                type="checkbox"
                checked={force}
                onChange={(e) => {
                  setForce(e.target.checked);
                  preview.mutate(e.target.checked);
                }}
              />{' '}
              force ({action === 'sync' ? 'downgrade conflicts' : 'store an inconsistent target'})
            </label>
          )}
          <button
            type="button"
            className="primary"
            disabled={
              confirm.isPending || ('plan' in p && (planChangeCount(p.plan) === 0 || (p.plan.blocked && !force))) || ('applied' in p && !p.applied)
            }
            onClick={() => confirm.mutate()}
          >
            Confirm {TITLES[action].toLowerCase()}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      )}
    </Dialog>
  );
}

const DRIFT_KEYS = ['in_sync', 'missing', 'behind', 'ahead', 'extra', 'foreign', 'excluded'] as const;

export function EndpointPage({ id }: { id: string }) {
  const ep = useEndpoint(id);
  const ops = useEndpointOperations(id);
  const pool = usePool(ep.data?.pool_id ?? '');
  const [action, setAction] = useState<Action | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [dialog, setDialog] = useState<'move' | 'rotate' | null>(null);
  const [, navigate] = useLocation();
  const qc = useQueryClient();
  useLiveChannels([`endpoint.${id}`, ...(ep.data?.pool_id ? [`pool.${ep.data.pool_id}`] : [])]);
  const act = useMutation({
    mutationFn: (what: 'approve' | 'reject' | 'delete') => (what === 'delete' ? api.del(`/endpoints/${id}`) : api.post(`/endpoints/${id}/${what}`)),
    onSuccess: (_d, what) => {
      void qc.invalidateQueries({ queryKey: ['endpoints'] });
      if (what === 'delete') navigate('/endpoints');
      else void qc.invalidateQueries({ queryKey: ['endpoint', id] });
    },
  });
  if (ep.isPending) return <Loading what="the endpoint" />;
  if (ep.error) return <ErrorNote error={ep.error} />;
  const e = ep.data;
  const summary = (e.package_summary ?? {}) as Record<string, number>;
  const info = e.system_info as Record<string, unknown>;
  const targetId = ep.data.pool_id ? pool.data?.target_state_id : null;
  const approved = e.approval === 'approved';
  const approval = !approved && <Badge value={e.approval} />;
  return (
    <>
      <div className="title-row">
        <h1>
          <Link href="/endpoints">Endpoints</Link> / {e.name}
        </h1>
        <Write>
          <div className="actions">
            {e.approval === 'pending' && (
              <>
                <button type="button" className="primary" onClick={() => act.mutate('approve')}>
                  Approve
                </button>
                <button type="button" className="danger" onClick={() => act.mutate('reject')}>
                  Reject
                </button>
              </>
            )}
            <button type="button" className="primary" disabled={!approved || !targetId || !e.current_state_id} onClick={() => setAction('sync')}>
              Sync now…
            </button>
            <button type="button" disabled={!approved || !e.pool_id || !e.current_state_id} onClick={() => setAction('set-latest')}>
              Set as target…
            </button>
            <button type="button" disabled={!approved || !e.current_state_id} onClick={() => setAction('revert')}>
              Revert…
            </button>
            <button type="button" onClick={() => setDialog('move')}>
              Move to pool…
            </button>
            <button type="button" disabled={e.approval === 'rejected'} onClick={() => setDialog('rotate')}>
              Rotate key…
            </button>
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              Remove
            </button>
          </div>
        </Write>
      </div>
      <ErrorNote error={act.error} />
      <p className="stats-line">
        <Badge value={e.status} /> <Badge value={e.sync_status} /> {approval} · {e.hostname} · pool{' '}
        {e.pool ? <Link href={`/pools/${e.pool.id}`}>{e.pool.name}</Link> : 'none'} · last seen {ago(e.last_seen)}
      </p>
      <section className="cols">
        <div>
          <h2>System</h2>
          <dl className="settings">
            {Object.entries(info).length === 0 && <p className="muted">Nothing reported yet.</p>}
            {Object.entries(info).map(([k, v]) => (
              <div key={k}>
                <dt>{k.replace(/_/g, ' ')}</dt>
                <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
              </div>
            ))}
            <div>
              <dt>registered</dt>
              <dd>{formatTime(e.created_at)}</dd>
            </div>
          </dl>
        </div>
        <div>
          <h2>Drift</h2>
          <dl className="drift" data-testid="drift-counts">
            {DRIFT_KEYS.map((k) => (
              <div key={k}>
                <dt>{k.replace(/_/g, ' ')}</dt>
                <dd>{typeof summary[k] === 'number' ? summary[k] : '—'}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>
      <h2>Packages that differ from the target</h2>
      <EndpointDriftPanel endpointId={id} targetId={targetId} />
      <h2>Operations</h2>
      {ops.data ? (
        ops.data.items.length ? (
          <OperationRows items={ops.data.items} showEndpoint={false} />
        ) : (
          <p className="muted">None yet.</p>
        )
      ) : (
        <ErrorNote error={ops.error} />
      )}
      {action && (
        <PreviewDialog
          endpointId={id}
          action={action}
          onClose={() => setAction(null)}
          diff={action === 'set-latest' && targetId && e.current_state_id ? { from: targetId, to: e.current_state_id } : null}
        />
      )}
      {dialog === 'move' && <MoveEndpointDialog endpoint={e} onClose={() => setDialog(null)} />}
      {dialog === 'rotate' && <RotateKeyDialog endpoint={e} onClose={() => setDialog(null)} />}
      {confirmDelete && (
        <Dialog title={`Remove ${e.name}?`} onClose={() => setConfirmDelete(false)}>
          <p>Its key, states and operations are deleted. The machine must be registered again to come back.</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => act.mutate('delete')}>
              Remove {e.name}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
