// Repository compatibility analysis (SPEC §4 "Repository analysis"): for each target package,
// whether every member endpoint's sync repositories offer it at the target version (compatible),
// whether some member cannot get it at all (incompatible — automatic exclusion candidates), or
// whether members would get different versions (conflicts, with the version the pool's
// conflict_resolution picks). A member takes a name from its first repository that has it, as
// pacman does. One pass over members × target packages, no per-package allocation for the
// common case (available at the target version), so 10,000 endpoints stay fast.
import { Exclusions } from './exclusions.js';
import { vercmp } from './vercmp.js';
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
export function analyzeRepositories(input) {
    const ex = input.exclusions instanceof Exclusions ? input.exclusions : Exclusions.compile(input.exclusions ?? {});
    const resolution = input.conflict_resolution ?? 'manual';
    const target = input.target.packages;
    const names = [];
    const versions = [];
    const excluded = [];
    for (const name of Object.keys(target).sort()) {
        const t = target[name];
        if (ex.excludes(name, t.repository))
            excluded.push(name);
        else {
            names.push(name);
            versions.push(t.version);
        }
    }
    const n = names.length;
    const atTarget = new Int32Array(n);
    const missing = new Array(n);
    const other = new Array(n);
    const analysed = [];
    const withoutRepos = [];
    input.members.forEach((m, i) => {
        const repos = m.repos.filter((r) => !ex.excludesRepo(r.name)).map((r) => r.packages);
        if (m.repos.length === 0) {
            withoutRepos.push(i);
            return;
        }
        analysed.push(i);
        for (let j = 0; j < n; j++) {
            const name = names[j];
            let found;
            for (let r = 0; r < repos.length; r++) {
                const pk = repos[r];
                const e = pk[name];
                if (e !== undefined && hasOwn(pk, name)) {
                    found = e;
                    break;
                }
            }
            if (found === undefined) {
                (missing[j] ??= []).push(i);
            }
            else if (found.version === versions[j]) {
                atTarget[j]++;
            }
            else {
                const map = (other[j] ??= new Map());
                const list = map.get(found.version);
                if (list === undefined)
                    map.set(found.version, [i]);
                else
                    list.push(i);
            }
        }
    });
    const ref = (i) => {
        const m = input.members[i];
        return { endpoint_id: m.endpoint_id, endpoint_name: m.endpoint_name };
    };
    const result = {
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
        const name = names[j];
        const tv = versions[j];
        let same = atTarget[j];
        const groups = [];
        for (const [v, list] of other[j] ?? []) {
            // `1.0-1` and `1:1.0-1`… differ; `01.0-1` and `1.0-1` do not: vercmp decides.
            if (vercmp(v, tv) === 0)
                same += list.length;
            else
                groups.push({ version: v, count: list.length, endpoints: list.map(ref) });
        }
        if (same > 0)
            groups.unshift({ version: tv, count: same });
        const repository = target[name].repository;
        const miss = missing[j];
        if (miss !== undefined) {
            result.incompatible.push({ name, target_version: tv, repository, missing_on: miss.map(ref), versions: groups });
            result.exclusion_candidates.push(name);
        }
        else if (groups.length === 1 && same > 0) {
            result.compatible.push(name);
        }
        else if (groups.length === 0) {
            // No member analysed: nothing contradicts the target.
            result.compatible.push(name);
        }
        else {
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
function pick(resolution, targetVersion, groups) {
    if (resolution === 'manual')
        return null;
    let best = targetVersion;
    for (const g of groups) {
        const c = vercmp(g.version, best);
        if ((resolution === 'newest' && c > 0) || (resolution === 'oldest' && c < 0))
            best = g.version;
    }
    return best;
}
//# sourceMappingURL=analysis.js.map