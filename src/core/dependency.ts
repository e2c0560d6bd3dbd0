// Dependency strings as pacman writes them (`depends`, `provides`, `optdepends`, …):
// `name`, `name>=1.0`, `so:libc.so=6-64`, `name: description`. Parsing follows libalpm's
// alpm_dep_from_string; satisfaction follows libalpm's _alpm_depcmp (name or provision, then
// dep_vercmp), so a dependency is met here exactly when pacman would consider it met.
import { ValidationError } from './errors.js';
import { problemWithDependencyName, problemWithVersion } from './names.js';
import type { Dependency } from './pacman/types.js';
import { satisfies } from './vercmp.js';

/** Longest optdepends description accepted. */
export const MAX_DESCRIPTION_LENGTH = 1000;

/**
 * Splits a dependency string exactly as libalpm does, without judging it: the description
 * starts at the first `": "`, then the first `<` (or `<=`), else the first `>` (or `>=`), else the
 * first `=` separates name and version. Never throws — for reading what pacman itself wrote.
 */
export function splitDependency(s: string): Dependency {
  const colon = s.indexOf(': ');
  const end = colon >= 0 ? colon : s.length;
  const dep = colon >= 0 ? s.slice(0, end) : s;
  let at = dep.indexOf('<');
  let op: Dependency['op'];
  let width = 1;
  if (at >= 0) {
    op = s[at + 1] === '=' ? '<=' : '<';
  } else if ((at = dep.indexOf('>')) >= 0) {
    op = s[at + 1] === '=' ? '>=' : '>';
  } else if ((at = dep.indexOf('=')) >= 0) {
    op = '=';
  }
  if (op === '<=' || op === '>=') width = 2;
  const result: Dependency = { name: op === undefined ? dep : s.slice(0, at) };
  if (op !== undefined) {
    result.op = op;
    result.version = s.slice(at + width, end);
  }
  if (colon >= 0) result.description = s.slice(colon + 2);
  return result;
}

function descriptionProblem(d: string): string | null {
  if (d.length > MAX_DESCRIPTION_LENGTH) return `description is longer than ${MAX_DESCRIPTION_LENGTH} characters`;
  // Descriptions end up one per line in pacman's desc files.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(d)) return 'description must not contain control characters or line breaks';
  return null;
}

/**
 * Parses and validates a dependency string: a dependency name (see validateDependencyName),
 * optionally an operator and a version (pkgrel optional), optionally `: description`.
 * Throws a ValidationError naming `field` when any part is malformed.
 */
export function parseDependency(value: unknown, field = 'dependency'): Dependency {
  if (typeof value !== 'string') throw new ValidationError(field, 'dependency must be a string');
  const dep = splitDependency(value);
  const problem =
    problemWithDependencyName(dep.name) ??
    (dep.op !== undefined ? problemWithVersion(dep.version, { requirePkgrel: false }) : null) ??
    (dep.description !== undefined ? descriptionProblem(dep.description) : null);
  if (problem !== null) throw new ValidationError(field, `dependency '${value}': ${problem}`);
  return dep;
}

export function isValidDependency(value: unknown): value is string {
  try {
    parseDependency(value);
    return true;
  } catch {
    return false;
  }
}

/** The dependency as pacman writes it (libalpm's alpm_dep_compute_string). */
export function formatDependency(dep: Dependency): string {
  let s = dep.name;
  if (dep.op !== undefined && dep.version !== undefined) s += dep.op + dep.version;
  if (dep.description !== undefined) s += `: ${dep.description}`;
  return s;
}

/** What a dependency can be satisfied by: a package's name, version and provisions. */
export interface DependencyCandidate {
  name: string;
  version: string;
  /** Provision strings as in the package's %PROVIDES% (`sh`, `libfoo.so=1-64`). */
  provides?: readonly string[];
}

const parsed = new Map<string, Dependency>();

/** splitDependency with a cache: the same few thousand strings recur in every state and database. */
export function dependencyOf(s: string): Dependency {
  let d = parsed.get(s);
  if (d === undefined) {
    d = splitDependency(s);
    if (parsed.size > 200_000) parsed.clear();
    parsed.set(s, d);
  }
  return d;
}

/**
 * Whether provision `prov` (a parsed %PROVIDES% entry of `dep`'s name) meets `dep`: an unversioned
 * dependency accepts any such provision, a versioned one only `name=version` satisfying it.
 */
export function provisionSatisfies(dep: Dependency, prov: Dependency): boolean {
  if (dep.op === undefined) return true;
  return prov.op === '=' && prov.version !== undefined && satisfies(prov.version, dep.op, dep.version);
}

/**
 * Whether `pkg` satisfies `dep` as pacman decides it (libalpm's _alpm_depcmp): by its own name and
 * version, or by a provision of that name (see provisionSatisfies).
 */
export function dependencySatisfiedBy(dep: Dependency | string, pkg: DependencyCandidate): boolean {
  const d = typeof dep === 'string' ? dependencyOf(dep) : dep;
  if (pkg.name === d.name && satisfies(pkg.version, d.op, d.version)) return true;
  return (pkg.provides ?? []).some((p) => {
    const prov = dependencyOf(p);
    return prov.name === d.name && provisionSatisfies(d, prov);
  });
}
