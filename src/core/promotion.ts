// Partial promotion (README "Domain rules": Set as latest, with `packages`): only the named packages of an
// endpoint's state go onto the previous target. Arch does not support partial upgrades, so the
// result is checked for consistency; the server refuses an inconsistent result, or stores it
// flagged when forced.
import { checkConsistency } from './consistency.js';
import { InvalidStateError, ValidationError } from './errors.js';
import type { PackageStateData, StatePackage, UnsatisfiedDependency } from './package-state.js';
import { setOwn, withPackages } from './state.js';

export interface PromotionResult {
  /** The previous target with the named packages replaced or added from the endpoint. */
  state: PackageStateData;
  /** Dependencies not satisfied inside `state` (empty: consistent). */
  unsatisfied: UnsatisfiedDependency[];
}

export const PARTIAL_PROMOTION_METHOD = 'partial_promotion';

/**
 * Promotes `packages` of `endpointState` onto `previousTarget`. Every name must be installed on
 * the endpoint. When the result is inconsistent, its metadata carries `inconsistent: true` and the
 * unsatisfied dependencies, ready to be stored if the caller forces it.
 */
export function promotePackages(
  previousTarget: PackageStateData | null,
  endpointState: PackageStateData,
  packages: readonly string[],
): PromotionResult {
  if (previousTarget === null) {
    throw new InvalidStateError('the pool has no target state yet: set the whole state as latest first', {
      packages,
    });
  }
  const names = [...new Set(packages)];
  if (names.length === 0) throw new ValidationError('packages', 'name at least one package to promote');
  const has = (rec: Record<string, StatePackage>, n: string): boolean => Object.prototype.hasOwnProperty.call(rec, n);
  const absent = names.filter((n) => !has(endpointState.packages, n));
  if (absent.length > 0) {
    throw new ValidationError('packages', `not installed on this endpoint: ${absent.join(', ')}`, { packages: absent });
  }
  const next: Record<string, StatePackage> = {};
  for (const name of Object.keys(previousTarget.packages)) setOwn(next, name, previousTarget.packages[name] as StatePackage);
  for (const name of names) setOwn(next, name, endpointState.packages[name] as StatePackage);

  const base = withPackages(previousTarget, next);
  const unsatisfied = checkConsistency(next);
  base.metadata.capture_method = PARTIAL_PROMOTION_METHOD;
  if (unsatisfied.length > 0) {
    base.metadata.inconsistent = true;
    base.metadata.unsatisfied_dependencies = unsatisfied;
  }
  return { state: base, unsatisfied };
}
