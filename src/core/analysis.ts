// Repository compatibility analysis (README "Domain rules": Repository analysis): for each target package,
// whether every member endpoint's sync repositories offer it at the target version (compatible),
// whether some member cannot get it at all (incompatible — automatic exclusion candidates), or
// whether members would get different versions (conflicts, with the version the pool's
// conflict_resolution picks). A member takes a name from its first repository that has it, as
// pacman does. One pass over members × target packages, no per-package allocation for the
// common case (available at the target version), so 10,000 endpoints stay fast.
import { Exclusions, type ExclusionRules } from './exclusions.js';
import type { PackageStateData, StatePackage } from './package-state.js';
import type { ConflictResolution } from './plan.js';
import { vercmp } from './vercmp.js';

export interface AnalysisRepository {
  name: string;
  url?: string | null;
  /** The repository's packages (seed `repositories.packages.packages`). */
  packages: Readonly<Record<string, { version: string }>>;
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

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function analyzeRepositories(input: AnalysisInput): RepositoryAnalysis {
  const ex = input.exclusions instanceof Exclusions ? input.exclusions : Exclusions.compile(input.exclusions ?? {});
  const resolution = input.conflict_resolution ?? 'manual';
  const target = input.target.packages;

  const names: string[] = [];
  const versions: string[] = [];
  const excluded: string[] = [];
  for (const name of Object.keys(target).sort()) {
    const t = target[name] as StatePackage;
    if (ex.excludes(name, t.repository)) excluded.push(name);
    else {
      names.push(name);
      versions.push(t.version);
    }
  }
  const n = names.length;
  const atTarget = new Int32Array(n);
  const missing: (number[] | undefined)[] = new Array(n);
  const other: (Map<string, number[]> | undefined)[] = new Array(n);

  const analysed: number[] = [];
  const withoutRepos: number[] = [];
  input.members.forEach((m, i) => {
    const repos = m.repos.filter((r) => !ex.excludesRepo(r.name)).map((r) => r.packages);
    if (m.repos.length === 0) {
      withoutRepos.push(i);
      return;
    }
    analysed.push(i);
    for (let j = 0; j < n; j++) {
      const name = names[j] as string;
      let found: { version: string } | undefined;
      for (let r = 0; r < repos.length; r++) {
        const pk = repos[r] as Readonly<Record<string, { version: string }>>;
        const e = pk[name];
        if (e !== undefined && hasOwn(pk, name)) {
          found = e;
          break;
        }
      }
      if (found === undefined) {
        (missing[j] ??= []).push(i);
      } else if (found.version === versions[j]) {
        atTarget[j]!++;
      } else {
        const map = (other[j] ??= new Map());
        const list = map.get(found.version);
        if (list === undefined) map.set(found.version, [i]);
        else list.push(i);
      }
    }
  });

  const ref = (i: number): EndpointRef => {
    const m = input.members[i] as AnalysisMember;
    return { endpoint_id: m.endpoint_id, endpoint_name: m.endpoint_name };
  };
  const result: RepositoryAnalysis = {
    compatible: [],
    incompatible: [],
    conflicts: [],
    excluded,
    exclusion_candidates: [],
    endpoints_without_repositories: withoutRepos.map(ref),
    counts: {
      target_packages: Object.keys(target).length,
      compatible: 0,
      incompatible: 0,
      conflicts: 0,
      excluded: excluded.length,
      endpoints: input.members.length,
      endpoints_analysed: analysed.length,
    },
  };
  for (let j = 0; j < n; j++) {
    const name = names[j] as string;
    const tv = versions[j] as string;
    let same = atTarget[j] as number;
    const groups: VersionGroup[] = [];
    for (const [v, list] of other[j] ?? []) {
      // `1.0-1` and `1:1.0-1`… differ; `01.0-1` and `1.0-1` do not: vercmp decides.
      if (vercmp(v, tv) === 0) same += list.length;
      else groups.push({ version: v, count: list.length, endpoints: list.map(ref) });
    }
    if (same > 0) groups.unshift({ version: tv, count: same });
    const repository = (target[name] as StatePackage).repository;
    const miss = missing[j];
    if (miss !== undefined) {
      result.incompatible.push({ name, target_version: tv, repository, missing_on: miss.map(ref), versions: groups });
      result.exclusion_candidates.push(name);
    } else if (groups.length === 1 && same > 0) {
      result.compatible.push(name);
    } else if (groups.length === 0) {
      // No member analysed: nothing contradicts the target.
      result.compatible.push(name);
    } else {
      result.conflicts.push({
        name,
        target_version: tv,
        repository,
        versions: groups,
        resolved_version: pick(resolution, tv, groups),
        resolution,
      });
    }
  }
  result.counts.compatible = result.compatible.length;
  result.counts.incompatible = result.incompatible.length;
  result.counts.conflicts = result.conflicts.length;
  return result;
}

function pick(resolution: ConflictResolution, targetVersion: string, groups: VersionGroup[]): string | null {
  if (resolution === 'manual') return null;
  let best = targetVersion;
  for (const g of groups) {
    const c = vercmp(g.version, best);
    if ((resolution === 'newest' && c > 0) || (resolution === 'oldest' && c < 0)) best = g.version;
  }
  return best;
}
