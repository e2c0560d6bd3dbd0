// A sync plan as the agent would show it: one line per package, conflicts, packages kept and
// excluded packages with the rule that excluded them.
import type { OperationWithPlan } from '../../../src/contracts/index.js';
import { formatBytes } from './ui.js';

type Plan = OperationWithPlan['plan'];

export function planChangeCount(plan: Plan): number {
  return (
    plan.packages_to_install.length +
    plan.packages_to_upgrade.length +
    plan.packages_to_downgrade.length +
    plan.packages_to_remove.length +
    plan.reasons_to_change.length
  );
}

export function PlanView({ plan }: { plan: Plan }) {
  const rows: { action: string; name: string; from: string | null; to: string | null; repo: string | null }[] = [
    ...plan.packages_to_install.map((p) => ({ action: 'install', name: p.name, from: null, to: p.to_version, repo: p.repository })),
    ...plan.packages_to_upgrade.map((p) => ({ action: 'upgrade', name: p.name, from: p.from_version, to: p.to_version, repo: p.repository })),
    ...plan.packages_to_downgrade.map((p) => ({ action: 'downgrade', name: p.name, from: p.from_version, to: p.to_version, repo: p.repository })),
    ...plan.packages_to_remove.map((p) => ({ action: 'remove', name: p.name, from: p.from_version, to: null, repo: p.repository })),
  ];
  const changes = planChangeCount(plan);
  return (
    <div className="plan" data-testid="plan">
      <p>
        <strong>{changes === 0 ? 'Nothing to do' : `${changes} change${changes === 1 ? '' : 's'}`}</strong>
        {plan.estimated_size > 0 && <> · {formatBytes(plan.estimated_size)} to download</>}
        {plan.blocked && <span className="badge badge-error"> blocked by conflicts (manual resolution: force to downgrade)</span>}
      </p>
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>action</th>
              <th>package</th>
              <th>installed</th>
              <th>target</th>
              <th>repository</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.action}-${r.name}`}>
                <td>
                  <span className={`badge badge-${r.action}`}>{r.action}</span>
                </td>
                <td>{r.name}</td>
                <td>{r.from ?? '—'}</td>
                <td>{r.to ?? '—'}</td>
                <td>{r.repo ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.reasons_to_change.length > 0 && (
        <p>Install reasons: {plan.reasons_to_change.map((r) => `${r.name} ${r.from_reason ?? '?'} → ${r.to_reason}`).join(', ')}</p>
      )}
      {plan.conflicts.length > 0 && (
        <p>Conflicts: {plan.conflicts.map((c) => `${c.name} ${c.installed_version} (target ${c.target_version}, ${c.resolution})`).join(', ')}</p>
      )}
      {plan.packages_kept.length > 0 && <p>Kept: {plan.packages_kept.map((k) => `${k.name} ${k.installed_version} (${k.reason})`).join(', ')}</p>}
      {plan.excluded_packages.length > 0 && (
        <p className="muted">
          Excluded:{' '}
          {plan.excluded_packages
            .map((n) => {
              const r = plan.exclusion_reasons?.[n];
              return r ? `${n} (by ${r.source} ${r.pattern})` : n;
            })
            .join(', ')}
        </p>
      )}
    </div>
  );
}
