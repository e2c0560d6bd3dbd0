import type { PackageStateData, UnsatisfiedDependency } from './package-state.js';
export interface PromotionResult {
    /** The previous target with the named packages replaced or added from the endpoint. */
    state: PackageStateData;
    /** Dependencies not satisfied inside `state` (empty: consistent). */
    unsatisfied: UnsatisfiedDependency[];
}
export declare const PARTIAL_PROMOTION_METHOD = "partial_promotion";
/**
 * Promotes `packages` of `endpointState` onto `previousTarget`. Every name must be installed on
 * the endpoint. When the result is inconsistent, its metadata carries `inconsistent: true` and the
 * unsatisfied dependencies, ready to be stored if the caller forces it.
 */
export declare function promotePackages(previousTarget: PackageStateData | null, endpointState: PackageStateData, packages: readonly string[]): PromotionResult;
