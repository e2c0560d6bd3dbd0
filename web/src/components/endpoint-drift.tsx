// An endpoint's drift package by package, from `GET /endpoints/{id}/drift` (the server's own drift
// computation, the one behind the counts): missing, behind, ahead, extra, foreign and excluded,
// each with the installed and the target version, filterable by kind. A package may be in two
// lists (a foreign package is also behind, ahead or extra), and is shown once per list.
import { useState } from 'react';
import type { EndpointDriftReport } from '../../../src/contracts/index.js';
import { useEndpointDrift } from '../api/queries.js';
import { ErrorNote, Field, Loading } from './ui.js';

export const DRIFT_KINDS = ['missing', 'behind', 'ahead', 'extra', 'foreign', 'excluded'] as const;
type Kind = (typeof DRIFT_KINDS)[number];

interface Row {
  kind: Kind;
  name: string;
  installed: string | null;
  target: string | null;
  repository: string | null;
  why: string | null;
}

function rowsOf(r: EndpointDriftReport): Row[] {
  const rows: Row[] = [];
  for (const kind of DRIFT_KINDS) {
    for (const e of r.drift.details[kind]) {
      const reason = 'reason' in e ? (e.reason as { source: string; pattern: string }) : null;
      rows.push({
        kind,
        name: e.name,
        installed: e.installed_version,
        target: e.target_version,
        repository: e.repository,
        why: reason ? `${reason.source}: ${reason.pattern}` : null,
      });
    }
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name) || DRIFT_KINDS.indexOf(a.kind) - DRIFT_KINDS.indexOf(b.kind));
}

export function EndpointDriftPanel({ endpointId, targetId }: { endpointId: string; targetId: string | null | undefined }) {
  const q = useEndpointDrift(endpointId, targetId);
  const [kind, setKind] = useState<Kind | ''>('');
  if (q.isPending) return <Loading what="the drift" />;
  if (q.error) return <ErrorNote error={q.error} />;
  const r = q.data;
  if (r.state_id === null) return <p className="muted">No package state reported yet.</p>;
  if (r.target_state_id === null)
    return <p className="muted">{r.pool_id ? 'The pool has no target yet.' : 'In no pool: there is no target to compare with.'}</p>;
  const all = rowsOf(r);
  const rows = kind ? all.filter((x) => x.kind === kind) : all;
  return (
    <div data-testid="endpoint-drift">
      <div className="filters">
        <Field label="Show">
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as Kind | '')}>
              <option value="">every kind ({all.length})</option>
              {DRIFT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k} ({r.drift.details[k].length})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {all.length === 0 ? (
        <p className="muted">Every package matches the target ({r.drift.in_sync} in sync).</p>
      ) : rows.length === 0 ? (
        <p className="muted">No {kind} packages.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>package</th>
              <th>drift</th>
              <th>installed</th>
              <th>target</th>
              <th>repository</th>
              <th>why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={`${x.kind} ${x.name}`} data-kind={x.kind}>
                <td>{x.name}</td>
                <td>
                  <span className={`badge badge-${x.kind}`}>{x.kind}</span>
                </td>
                <td>{x.installed ?? '—'}</td>
                <td>{x.target ?? '—'}</td>
                <td>{x.repository ?? (x.installed !== null ? 'none (foreign)' : '—')}</td>
                <td className="muted">{x.why ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
