// Consistency of a package set (README "Domain rules": Consistency of a target): every dependency of every
// package is satisfied inside the set, by libalpm's rules (_alpm_depcmp): a package of that name
// whose version satisfies the constraint, or a provision of that name — any provision for an
// unversioned dependency, only a `name=version` provision (compared) for a versioned one.
import { dependencyOf, provisionSatisfies } from './dependency.js';
import type { StatePackage, UnsatisfiedDependency } from './package-state.js';
import type { Dependency } from './pacman/types.js';
import { satisfies } from './vercmp.js';

interface Provision {
  provider: string;
  /** The parsed %PROVIDES% entry. */
  provision: Dependency;
  text: string;
}

/** What dependency questions need of a package: its version and provisions. */
export type Provider = Pick<StatePackage, 'version' | 'provides'>;

/** The packages of a set (one per name, as in a state or a local database) indexed for dependency questions. */
export class SatisfierIndex {
  private readonly provisions = new Map<string, Provision[]>();
  /**
   * By name, in a Map: a local database's names are substrings of its desc files, and looking
   * them up in an object interns each one first (the agent's `query --info` measured ~5 ms more).
   */
  private readonly packages: ReadonlyMap<string, Provider>;

  constructor(packages: Readonly<Record<string, Provider>> | ReadonlyMap<string, Provider>) {
    this.packages = packages instanceof Map ? packages : new Map(Object.entries(packages));
    for (const name of [...this.packages.keys()].sort()) {
      for (const text of this.packages.get(name)?.provides ?? []) {
        const prov = dependencyOf(text);
        let list = this.provisions.get(prov.name);
        if (list === undefined) this.provisions.set(prov.name, (list = []));
        list.push({ provider: name, provision: prov, text });
      }
    }
  }

  /** Every package of the set satisfying `dep`: the package of that name first, then providers by name. */
  satisfiers(dep: Dependency | string): string[] {
    const d = typeof dep === 'string' ? dependencyOf(dep) : dep;
    const out: string[] = [];
    const p = this.packages.get(d.name);
    if (p !== undefined && satisfies(p.version, d.op, d.version)) out.push(d.name);
    for (const prov of this.provisions.get(d.name) ?? []) {
      if (out.includes(prov.provider)) continue;
      if (provisionSatisfies(d, prov.provision)) out.push(prov.provider);
    }
    return out;
  }

  /** Whether anything in the set satisfies `dep`. */
  isSatisfied(dep: Dependency | string): boolean {
    return this.satisfiers(dep).length > 0;
  }

  /** Why `dep` (of `pkg`) is not satisfied, or null when it is. */
  check(pkg: string, depText: string): UnsatisfiedDependency | null {
    const d = dependencyOf(depText);
    if (this.isSatisfied(d)) return null;
    const found: string[] = [];
    const p = this.packages.get(d.name);
    if (p !== undefined) found.push(p.version);
    for (const prov of this.provisions.get(d.name) ?? []) {
      const versioned = prov.provision.op === '=' && prov.provision.version !== undefined;
      found.push(versioned ? `${prov.text} (provided by ${prov.provider})` : `${prov.text} (provided by ${prov.provider}, without a version)`);
    }
    if (found.length === 0) return { package: pkg, dependency: depText, reason: 'missing' };
    return { package: pkg, dependency: depText, reason: 'version', found: found.join(', ') };
  }
}

/**
 * The dependencies of `packages` not satisfied inside `packages`, sorted by package, in the
 * order each package lists them. An empty list means the set is consistent.
 */
export function checkConsistency(packages: Readonly<Record<string, StatePackage>>): UnsatisfiedDependency[] {
  const index = new SatisfierIndex(packages);
  const out: UnsatisfiedDependency[] = [];
  for (const name of Object.keys(packages).sort()) {
    for (const dep of packages[name]?.dependencies ?? []) {
      const problem = index.check(name, dep);
      if (problem !== null) out.push(problem);
    }
  }
  return out;
}
