// Exclusions (README "Domain rules"): packages that never appear in a plan and never count as drift. They come
// from the pool (`excluded_packages` names/globs, `excluded_repos`), from the endpoint (agent
// config `exclude`, the machine's pacman.conf IgnorePkg/IgnoreGroup, reported in its state's
// `metadata.excluded_packages`) and from the operation (`exclude`). Patterns are fnmatch globs,
// as pacman reads IgnorePkg. Compiled once; answers are cached per name, since drift asks about
// the same ~1,500 names for every endpoint of a pool.
import { compileFnmatch, isLiteralPattern, type NameMatcher } from './fnmatch.js';

export interface ExclusionRules {
  /** Pool `excluded_packages`: names or globs (`linux*`). */
  packages?: readonly string[];
  /** Pool `excluded_repos`: a package whose repository (target's or installed) is one of these. */
  repos?: readonly string[];
  /** Per-endpoint exclusions (agent config `exclude`, the state's `metadata.excluded_packages`). */
  endpoint?: readonly string[];
  /** Per-operation `exclude`. */
  operation?: readonly string[];
  /** The machine's pacman.conf `IgnorePkg`. */
  ignorePkg?: readonly string[];
  /** The machine's pacman.conf `IgnoreGroup`, matched against the package's groups. */
  ignoreGroup?: readonly string[];
  /** Package name → groups, needed for `ignoreGroup` (from the local and sync databases). */
  groups?: ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>;
}

export type ExclusionSource = 'pool' | 'repository' | 'endpoint' | 'operation' | 'ignore_pkg' | 'ignore_group';

/** Where each kind of rule is written, as the user would look for it. */
const RULE_WORDS: Record<ExclusionSource, string> = {
  pool: 'pool excluded_packages',
  repository: 'pool excluded_repos',
  // The machine reports these (its pacman.conf IgnorePkg/IgnoreGroup and [client] exclude); the
  // agent names the exact one when it knows it (plans).
  endpoint: "the machine's IgnorePkg/IgnoreGroup or [client] exclude",
  operation: 'sync --exclude',
  ignore_pkg: 'pacman.conf IgnorePkg',
  ignore_group: 'pacman.conf IgnoreGroup',
};

/** The one wording of an exclusion everywhere (plans, `packages`, the API): `pool excluded_packages fonts-*`. */
export function exclusionRule(r: ExclusionReason): string {
  return `${RULE_WORDS[r.source] ?? r.source} ${r.pattern}`;
}

/** Why a package is excluded: the rule's source and the pattern (or repository/group) that hit. */
export interface ExclusionReason {
  source: ExclusionSource;
  pattern: string;
}

/** A list of patterns: exact names in a set, globs compiled. */
class PatternList {
  private readonly exact = new Set<string>();
  private readonly globs: { pattern: string; test: NameMatcher }[] = [];

  constructor(patterns: readonly string[]) {
    for (const p of patterns) {
      if (isLiteralPattern(p)) this.exact.add(p);
      else this.globs.push({ pattern: p, test: compileFnmatch(p) });
    }
  }

  get size(): number {
    return this.exact.size + this.globs.length;
  }

  /** The pattern matching `name`, or null. */
  find(name: string): string | null {
    if (this.exact.has(name)) return name;
    for (const g of this.globs) if (g.test(name)) return g.pattern;
    return null;
  }
}

const NAME_SOURCES = ['pool', 'endpoint', 'operation', 'ignore_pkg'] as const;
const RULE_KEY = { pool: 'packages', endpoint: 'endpoint', operation: 'operation', ignore_pkg: 'ignorePkg' } as const;

/** A compiled set of exclusion rules. Immutable; `with()` adds rules into a new one. */
export class Exclusions {
  private readonly lists: { source: ExclusionSource; list: PatternList }[] = [];
  private readonly repos: PatternList;
  private readonly ignoreGroup: PatternList;
  private readonly groups: ExclusionRules['groups'];
  private readonly nameCache = new Map<string, ExclusionReason | null>();
  private readonly repoCache = new Map<string, boolean>();
  /** True when nothing can be excluded (lets callers skip all checks). */
  readonly empty: boolean;

  private constructor(readonly rules: Readonly<ExclusionRules>) {
    for (const source of NAME_SOURCES) {
      const patterns = rules[RULE_KEY[source]];
      if (patterns !== undefined && patterns.length > 0) this.lists.push({ source, list: new PatternList(patterns) });
    }
    this.repos = new PatternList(rules.repos ?? []);
    this.ignoreGroup = new PatternList(rules.ignoreGroup ?? []);
    this.groups = rules.groups;
    this.empty = this.lists.length === 0 && this.repos.size === 0 && (this.ignoreGroup.size === 0 || !this.groups);
  }

  static compile(rules: ExclusionRules = {}): Exclusions {
    return new Exclusions(rules);
  }

  static readonly none: Exclusions = new Exclusions({});

  /** These rules plus `more` (lists are concatenated; `groups` of `more` wins when given). */
  with(more: ExclusionRules): Exclusions {
    const r = this.rules;
    const cat = (a?: readonly string[], b?: readonly string[]): string[] | undefined =>
      a === undefined && b === undefined ? undefined : [...(a ?? []), ...(b ?? [])];
    return new Exclusions({
      packages: cat(r.packages, more.packages),
      repos: cat(r.repos, more.repos),
      endpoint: cat(r.endpoint, more.endpoint),
      operation: cat(r.operation, more.operation),
      ignorePkg: cat(r.ignorePkg, more.ignorePkg),
      ignoreGroup: cat(r.ignoreGroup, more.ignoreGroup),
      groups: more.groups ?? r.groups,
    });
  }

  private groupsOf(name: string): readonly string[] {
    const g = this.groups;
    if (g === undefined) return [];
    if (g instanceof Map) return g.get(name) ?? [];
    const rec = g as Readonly<Record<string, readonly string[]>>;
    return Object.prototype.hasOwnProperty.call(rec, name) ? (rec[name] ?? []) : [];
  }

  /** Why the package name itself is excluded (patterns, IgnorePkg, IgnoreGroup), or null. */
  nameReason(name: string): ExclusionReason | null {
    const cached = this.nameCache.get(name);
    if (cached !== undefined) return cached;
    let reason: ExclusionReason | null = null;
    for (const { source, list } of this.lists) {
      const hit = list.find(name);
      if (hit !== null) {
        reason = { source, pattern: hit };
        break;
      }
    }
    if (reason === null && this.ignoreGroup.size > 0) {
      for (const group of this.groupsOf(name)) {
        const hit = this.ignoreGroup.find(group);
        if (hit !== null) {
          reason = { source: 'ignore_group', pattern: hit };
          break;
        }
      }
    }
    this.nameCache.set(name, reason);
    return reason;
  }

  /** Whether any `excluded_repos` rule exists. */
  get hasRepoRules(): boolean {
    return this.repos.size > 0;
  }

  /** Whether packages from repository `repo` are excluded (`excluded_repos`). */
  excludesRepo(repo: string | null | undefined): boolean {
    if (repo === null || repo === undefined || this.repos.size === 0) return false;
    let hit = this.repoCache.get(repo);
    if (hit === undefined) {
      hit = this.repos.find(repo) !== null;
      this.repoCache.set(repo, hit);
    }
    return hit;
  }

  /**
   * Whether a package is excluded, by name or by one of its repositories (pass the target's and
   * the installed package's: excluding `testing` must also keep a package that came from testing).
   */
  excludes(name: string, repo?: string | null, otherRepo?: string | null): boolean {
    if (this.empty) return false;
    return this.nameReason(name) !== null || this.excludesRepo(repo) || this.excludesRepo(otherRepo);
  }

  /** Like {@link excludes}, with the reason. */
  reason(name: string, repo?: string | null, otherRepo?: string | null): ExclusionReason | null {
    if (this.empty) return null;
    const byName = this.nameReason(name);
    if (byName !== null) return byName;
    for (const r of [repo, otherRepo]) {
      if (this.excludesRepo(r)) return { source: 'repository', pattern: r as string };
    }
    return null;
  }
}
