// Exclusions (SPEC §4): packages that never appear in a plan and never count as drift. They come
// from the pool (`excluded_packages` names/globs, `excluded_repos`), from the endpoint (agent
// config `exclude`, the machine's pacman.conf IgnorePkg/IgnoreGroup, reported in its state's
// `metadata.excluded_packages`) and from the operation (`exclude`). Patterns are fnmatch globs,
// as pacman reads IgnorePkg. Compiled once; answers are cached per name, since drift asks about
// the same ~1,500 names for every endpoint of a pool.
import { compileFnmatch, isLiteralPattern } from './fnmatch.js';
/** A list of patterns: exact names in a set, globs compiled. */
class PatternList {
    exact = new Set();
    globs = [];
    constructor(patterns) {
        for (const p of patterns) {
            if (isLiteralPattern(p))
                this.exact.add(p);
            else
                this.globs.push({ pattern: p, test: compileFnmatch(p) });
        }
    }
    get size() {
        return this.exact.size + this.globs.length;
    }
    /** The pattern matching `name`, or null. */
    find(name) {
        if (this.exact.has(name))
            return name;
        for (const g of this.globs)
            if (g.test(name))
                return g.pattern;
        return null;
    }
}
const NAME_SOURCES = ['pool', 'endpoint', 'operation', 'ignore_pkg'];
const RULE_KEY = { pool: 'packages', endpoint: 'endpoint', operation: 'operation', ignore_pkg: 'ignorePkg' };
/** A compiled set of exclusion rules. Immutable; `with()` adds rules into a new one. */
export class Exclusions {
    rules;
    lists = [];
    repos;
    ignoreGroup;
    groups;
    nameCache = new Map();
    repoCache = new Map();
    /** True when nothing can be excluded (lets callers skip all checks). */
    empty;
    constructor(rules) {
        this.rules = rules;
        for (const source of NAME_SOURCES) {
            const patterns = rules[RULE_KEY[source]];
            if (patterns !== undefined && patterns.length > 0)
                this.lists.push({ source, list: new PatternList(patterns) });
        }
        this.repos = new PatternList(rules.repos ?? []);
        this.ignoreGroup = new PatternList(rules.ignoreGroup ?? []);
        this.groups = rules.groups;
        this.empty = this.lists.length === 0 && this.repos.size === 0 && (this.ignoreGroup.size === 0 || !this.groups);
    }
    static compile(rules = {}) {
        return new Exclusions(rules);
    }
    static none = new Exclusions({});
    /** These rules plus `more` (lists are concatenated; `groups` of `more` wins when given). */
    with(more) {
        const r = this.rules;
        const cat = (a, b) => a === undefined && b === undefined ? undefined : [...(a ?? []), ...(b ?? [])];
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
    groupsOf(name) {
        const g = this.groups;
        if (g === undefined)
            return [];
        if (g instanceof Map)
            return g.get(name) ?? [];
        const rec = g;
        return Object.prototype.hasOwnProperty.call(rec, name) ? (rec[name] ?? []) : [];
    }
    /** Why the package name itself is excluded (patterns, IgnorePkg, IgnoreGroup), or null. */
    nameReason(name) {
        const cached = this.nameCache.get(name);
        if (cached !== undefined)
            return cached;
        let reason = null;
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
    get hasRepoRules() {
        return this.repos.size > 0;
    }
    /** Whether packages from repository `repo` are excluded (`excluded_repos`). */
    excludesRepo(repo) {
        if (repo === null || repo === undefined || this.repos.size === 0)
            return false;
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
    excludes(name, repo, otherRepo) {
        if (this.empty)
            return false;
        return this.nameReason(name) !== null || this.excludesRepo(repo) || this.excludesRepo(otherRepo);
    }
    /** Like {@link excludes}, with the reason. */
    reason(name, repo, otherRepo) {
        if (this.empty)
            return null;
        const byName = this.nameReason(name);
        if (byName !== null)
            return byName;
        for (const r of [repo, otherRepo]) {
            if (this.excludesRepo(r))
                return { source: 'repository', pattern: r };
        }
        return null;
    }
}
//# sourceMappingURL=exclusions.js.map