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
/** Why a package is excluded: the rule's source and the pattern (or repository/group) that hit. */
export interface ExclusionReason {
    source: ExclusionSource;
    pattern: string;
}
/** A compiled set of exclusion rules. Immutable; `with()` adds rules into a new one. */
export declare class Exclusions {
    readonly rules: Readonly<ExclusionRules>;
    private readonly lists;
    private readonly repos;
    private readonly ignoreGroup;
    private readonly groups;
    private readonly nameCache;
    private readonly repoCache;
    /** True when nothing can be excluded (lets callers skip all checks). */
    readonly empty: boolean;
    private constructor();
    static compile(rules?: ExclusionRules): Exclusions;
    static readonly none: Exclusions;
    /** These rules plus `more` (lists are concatenated; `groups` of `more` wins when given). */
    with(more: ExclusionRules): Exclusions;
    private groupsOf;
    /** Why the package name itself is excluded (patterns, IgnorePkg, IgnoreGroup), or null. */
    nameReason(name: string): ExclusionReason | null;
    /** Whether any `excluded_repos` rule exists. */
    get hasRepoRules(): boolean;
    /** Whether packages from repository `repo` are excluded (`excluded_repos`). */
    excludesRepo(repo: string | null | undefined): boolean;
    /**
     * Whether a package is excluded, by name or by one of its repositories (pass the target's and
     * the installed package's: excluding `testing` must also keep a package that came from testing).
     */
    excludes(name: string, repo?: string | null, otherRepo?: string | null): boolean;
    /** Like {@link excludes}, with the reason. */
    reason(name: string, repo?: string | null, otherRepo?: string | null): ExclusionReason | null;
}
