// Dependency strings (`glibc>=2.38`, `sh`, `python: for scripts`) as libalpm reads them
// (alpm_dep_from_string) and whether a package satisfies one (_alpm_depcmp: by name and version,
// or through a `provides` entry).
import { satisfies } from '../vercmp.js';
/**
 * Parses a dependency string. Like libalpm: the description starts at the first `": "`; the
 * operator is the first `<`/`<=`, else `>`/`>=`, else `=`; everything before it is the name.
 */
export function parseDependency(text) {
    const colon = text.indexOf(': ');
    const spec = colon >= 0 ? text.slice(0, colon) : text;
    const dep = { name: spec };
    if (colon >= 0)
        dep.description = text.slice(colon + 2);
    let at = spec.indexOf('<');
    let op;
    let width = 1;
    if (at >= 0) {
        op = spec[at + 1] === '=' ? '<=' : '<';
    }
    else if ((at = spec.indexOf('>')) >= 0) {
        op = spec[at + 1] === '=' ? '>=' : '>';
    }
    else if ((at = spec.indexOf('=')) >= 0) {
        op = '=';
    }
    if (op !== undefined) {
        width = op.length;
        dep.name = spec.slice(0, at);
        dep.op = op;
        dep.version = spec.slice(at + width);
    }
    return dep;
}
/**
 * Whether `pkg` satisfies `dep`: its own name and version, or a provision of the same name that
 * is unversioned (satisfies only unversioned dependencies) or `name=version` (compared).
 */
export function packageSatisfies(pkg, dep) {
    return (pkg.name === dep.name && satisfies(pkg.version, dep.op, dep.version)) || provisionsSatisfy(pkg.provides, dep);
}
/** Whether one of `provides` satisfies `dep` (libalpm's _alpm_depcmp_provides). */
export function provisionsSatisfy(provides, dep) {
    for (const p of provides) {
        const prov = parseDependency(p);
        if (prov.name !== dep.name)
            continue;
        if (dep.op === undefined)
            return true;
        if (prov.op === '=' && prov.version !== undefined && satisfies(prov.version, dep.op, dep.version))
            return true;
    }
    return false;
}
/**
 * libalpm's alpm_find_satisfier: the first package (in the given order) satisfying `dep` by its
 * own name, else the first satisfying it through `provides`.
 */
export function findSatisfier(packages, dep) {
    for (const p of packages)
        if (p.name === dep.name && satisfies(p.version, dep.op, dep.version))
            return p;
    for (const p of packages)
        if (provisionsSatisfy(p.provides, dep))
            return p;
    return undefined;
}
//# sourceMappingURL=dependency.js.map