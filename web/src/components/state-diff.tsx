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
