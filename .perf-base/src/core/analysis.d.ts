import { Exclusions, type ExclusionRules } from './exclusions.js';
import type { PackageStateData } from './package-state.js';
import type { ConflictResolution } from './plan.js';
export interface AnalysisRepository {
    name: string;
    url?: string | null;
    /** The repository's packages (seed `repositories.packages.packages`). */
    packages: Readonly<Record<string, {
        version: string;
    }>>;
}
export interface AnalysisMember {
    endpoint_id: string;
    endpoint_name: string;
    /** In pacman.conf order. */
    repos: readonly AnalysisRepository[];
}
export interface AnalysisInput {
    target: PackageStateData;
    members: readonly AnalysisMember[];
    conflict_resolution?: ConflictResolution;
    /** The pool's exclusions; `excluded_repos` also hides those repositories of the members. */
    exclusions?: Exclusions | ExclusionRules;
}
export interface EndpointRef {
    endpoint_id: string;
    endpoint_name: string;
}
export interface IncompatiblePackage {
    name: string;
    target_version: string;
    repository: string | null;
    /** Members none of whose repositories has the package. */
    missing_on: EndpointRef[];
    /** Versions the other members would get (members at the target version counted only). */
    versions: VersionGroup[];
}
export interface VersionGroup {
    version: string;
    count: number;
    /** Listed for versions other than the target's; members at the target version are only counted. */
    endpoints?: EndpointRef[];
}
export interface VersionConflict {
    name: string;
    target_version: string;
    repository: string | null;
    versions: VersionGroup[];
    /** What the pool's resolution picks: newest/oldest of the target's and the offered versions; null for manual. */
    resolved_version: string | null;
    resolution: ConflictResolution;
}
export interface RepositoryAnalysis {
    compatible: string[];
    incompatible: IncompatiblePackage[];
    conflicts: VersionConflict[];
    excluded: string[];
    /** Names to exclude automatically so the pool can sync: the incompatible ones. */
    exclusion_candidates: string[];
    /** Members that have not reported any repository, left out of the analysis. */
    endpoints_without_repositories: EndpointRef[];
    counts: {
        target_packages: number;
        compatible: number;
        incompatible: number;
        conflicts: number;
        excluded: number;
        endpoints: number;
        endpoints_analysed: number;
    };
}
export declare function analyzeRepositories(input: AnalysisInput): RepositoryAnalysis;
