// Two package states side by side (from → to): removed, added and changed packages from
// `GET /states/{a}/diff/{b}` (versions compared with pacman's vercmp by the server).
import type { StateDiff } from '../../../src/contracts/index.js';
import { useStateDiff } from '../api/queries.js';
import { ErrorNote, Loading } from './ui.js';

export function DiffTable({ diff }: { diff: StateDiff }) {
  const rows = [
    ...diff.removed.map((p) => ({ name: p.name, from: p.version, to: null as string | null, kind: 'removed' })),
    ...diff.added.map((p) => ({ name: p.name, from: null as string | null, to: p.version, kind: 'added' })),
    ...diff.changed.map((p) => ({ name: p.name, from: p.from_version as string | null, to: p.to_version as string | null, kind: p.direction })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div data-testid="state-diff">
      <p>
        {diff.added.length} added · {diff.removed.length} removed · {diff.changed.length} changed · {diff.unchanged} unchanged
      </p>
      {rows.length > 0 && (
        <table className="diff">
          <thead>
            <tr>
              <th>package</th>
              <th>from</th>
              <th>to</th>
              <th>change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} className={`diff-${r.kind}`}>
                <td>{r.name}</td>
                <td className="from">{r.from ?? '—'}</td>
                <td className="to">{r.to ?? '—'}</td>
                <td>
                  <span className={`badge badge-${r.kind}`}>{r.kind}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function StateDiffView({ from, to }: { from: string; to: string }) {
  const q = useStateDiff(from, to);
  if (from === to) return <p className="muted">Pick two different states.</p>;
  if (q.isPending) return <Loading what="the difference" />;
  if (q.error) return <ErrorNote error={q.error} />;
  return <DiffTable diff={q.data} />;
}

const DRIFT_WORD: Record<string, string> = { removed: 'missing', added: 'not in target', upgrade: 'ahead', downgrade: 'behind', equivalent: 'same version' };

/**
 * An endpoint's drift package by package, from the diff target → its current state: in the
 * target but not installed is missing, a newer installed version is ahead, an older one behind.
 */
export function EndpointDriftTable({ targetId, stateId }: { targetId: string; stateId: string }) {
  const q = useStateDiff(targetId, stateId);
  if (targetId === stateId) return <p className="muted">Its state is the target itself.</p>;
  if (q.isPending) return <Loading what="the drift" />;
  if (q.error) return <ErrorNote error={q.error} />;
  const d = q.data;
  const rows = [
    ...d.removed.map((p) => ({ name: p.name, target: p.version as string | null, installed: null as string | null, kind: 'removed' })),
    ...d.changed.map((p) => ({ name: p.name, target: p.from_version as string | null, installed: p.to_version as string | null, kind: p.direction as string })),
    ...d.added.map((p) => ({ name: p.name, target: null as string | null, installed: p.version as string | null, kind: 'added' })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  if (rows.length === 0) return <p className="muted">Every package matches the target ({d.unchanged}).</p>;
  return (
    <table data-testid="endpoint-drift">
      <thead>
        <tr>
          <th>package</th>
          <th>drift</th>
          <th>installed</th>
          <th>target</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <td>{r.name}</td>
            <td>
              <span className={`badge badge-${DRIFT_WORD[r.kind]?.replace(/ /g, '_')}`}>{DRIFT_WORD[r.kind] ?? r.kind}</span>
            </td>
            <td>{r.installed ?? '—'}</td>
            <td>{r.target ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
