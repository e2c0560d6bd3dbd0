// The state a plan would produce, without pacman: what a dry run shows as "after", and what the
// tests compare with the target. Pure; the input state is not modified.
import type { PackageStateData, StatePackage } from './package-state.js';
import type { SyncPlan } from './plan.js';
import { setOwn, withPackages } from './state.js';

/**
 * Applies `plan` to `state`. `source` is the state the plan was made from (the target, or the
 * previous state for a revert): new versions take their record (dependencies, provisions, arch)
 * from it. Without it, or when it holds another version, the record is built from the plan entry
 * alone (no dependencies known). Upgrades and downgrades keep the installed reason, as pacman
 * does; install dates of changed packages become unknown until the agent reports again.
 */
export function applyPlan(state: PackageStateData, plan: SyncPlan, source?: PackageStateData): PackageStateData {
  const out: Record<string, StatePackage> = {};
  const removed = new Set(plan.packages_to_remove.map((e) => e.name));
  for (const name of Object.keys(state.packages)) {
    if (!removed.has(name)) setOwn(out, name, state.packages[name] as StatePackage);
  }
  for (const e of [...plan.packages_to_install, ...plan.packages_to_upgrade, ...plan.packages_to_downgrade]) {
    if (e.to_version === null) continue;
    const before = Object.prototype.hasOwnProperty.call(state.packages, e.name) ? state.packages[e.name] : undefined;
    const from = source && Object.prototype.hasOwnProperty.call(source.packages, e.name) ? source.packages[e.name] : undefined;
    const base: StatePackage =
      from !== undefined && from.version === e.to_version
        ? { ...from, dependencies: [...from.dependencies], ...(from.provides ? { provides: [...from.provides] } : {}) }
        : { version: e.to_version, repository: e.repository, size: e.size, dependencies: [], install_date: null };
    const reason = before?.reason ?? e.reason ?? base.reason;
    setOwn(out, e.name, {
      ...base,
      version: e.to_version,
      repository: e.repository,
      size: e.size,
      install_date: null,
      ...(reason !== undefined ? { reason } : {}),
    });
  }
  for (const r of plan.reasons_to_change) {
    const p = Object.prototype.hasOwnProperty.call(out, r.name) ? out[r.name] : undefined;
    if (p !== undefined) setOwn(out, r.name, { ...p, reason: r.to_reason });
  }
  return withPackages(state, out);
}
