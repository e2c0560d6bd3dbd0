// The simulated fleet's software: one generated repository of 14,000 packages (names, versions and
// dependencies like Arch's extra; dependency constraints the repository itself satisfies), a few
// dozen "base installations" closed under their dependencies (1,200–1,800 packages, as on real
// machines), and per endpoint a small, deterministic deviation from its base: most machines on the
// repository's versions, some behind (older pkgrel), some ahead (newer pkgrel), a few with foreign
// packages. An endpoint is held as (base, deviations), not as 1,500 objects, so a worker process
// can hold thousands of them; its full state body is built when it is sent.
import { satisfies, type VersionOperator } from '../../src/core/vercmp.js';
import { generatePackages, installedSubset, type FixturePackage } from '../../test/support/pacman-fixtures.js';
import { rng } from '../../test/support/random.js';

export const REPOSITORY_PACKAGES = 14_000;
const BASES = 48;
const CORE_SHARE = 0.08; // the first names of the repository form `core`, the rest `extra`

export interface RepoPackage {
  name: string;
  version: string;
  repository: string;
  size: number;
  depends: string[];
  provides: string[];
}

export interface FleetSoftware {
  seed: number;
  packages: RepoPackage[];
  /** Package indexes of each base installation. */
  bases: number[][];
}

const DEP = /^([^<>=]+)(<=|>=|<|>|=)?(.*)$/;

/** The repository and the base installations; deterministic for a seed (a second or two of CPU). */
export function generateSoftware(seed = 17, bases = BASES): FleetSoftware {
  const fixtures: FixturePackage[] = generatePackages(REPOSITORY_PACKAGES, seed);
  const byName = new Map(fixtures.map((p) => [p.name, p]));
  const coreCount = Math.floor(fixtures.length * CORE_SHARE);
  const packages = fixtures.map((p, i): RepoPackage => ({
    name: p.name,
    version: p.version,
    repository: i < coreCount ? 'core' : 'extra',
    size: p.isize,
    // Keep only constraints the repository's own version satisfies: a target made from any
    // machine must be dependency-consistent, or set-latest (rightly) refuses it.
    depends: p.depends.map((d) => {
      const m = DEP.exec(d);
      const dep = m?.[1] ? byName.get(m[1]) : undefined;
      if (!m?.[2] || dep === undefined) return d;
      return satisfies(dep.version, m[2] as VersionOperator, m[3]) ? d : (m[1] as string);
    }),
    provides: p.provides,
  }));
  const index = new Map(fixtures.map((p, i) => [p.name, i]));
  const r = rng(seed + 1);
  const out: number[][] = [];
  for (let b = 0; b < bases; b += 1) {
    const size = 1200 + Math.floor(r() * 600);
    out.push(installedSubset(fixtures, size, seed * 1000 + b).map((p) => index.get(p.name) as number));
  }
  return { seed, packages, bases: out };
}

/** Where one endpoint differs from the repository. */
export interface Machine {
  base: number;
  /** package index → version installed instead of the repository's. */
  overrides: Map<number, string>;
  foreign: { name: string; version: string }[];
  /** Bumped on every change, so the body cache knows when to rebuild. */
  generation: number;
}

function pkgrel(version: string, delta: number): string {
  const dash = version.lastIndexOf('-');
  const rel = Number(version.slice(dash + 1));
  const next = rel + delta >= 1 ? String(rel + delta) : '0.9';
  return `${version.slice(0, dash)}-${next}`;
}

/** Endpoint `n`'s machine: ~70 % on the repository, ~15 % behind, ~10 % ahead, ~5 % both; ~20 % with foreign packages. */
export function machineFor(sw: FleetSoftware, n: number): Machine {
  const r = rng(sw.seed * 7919 + n);
  const base = n % sw.bases.length;
  const installed = sw.bases[base] as number[];
  const overrides = new Map<number, string>();
  const kind = r();
  const pick = () => installed[Math.floor(r() * installed.length)] as number;
  if (kind >= 0.7 && kind < 0.85)
    for (let i = 5 + Math.floor(r() * 35); i > 0; i -= 1) {
      const p = pick();
      overrides.set(p, pkgrel((sw.packages[p] as RepoPackage).version, -1));
    }
  else if (kind >= 0.85 && kind < 0.95)
    for (let i = 1 + Math.floor(r() * 9); i > 0; i -= 1) {
      const p = pick();
      overrides.set(p, pkgrel((sw.packages[p] as RepoPackage).version, 1));
    }
  else if (kind >= 0.95)
    for (let i = 3 + Math.floor(r() * 10); i > 0; i -= 1) {
      const p = pick();
      overrides.set(p, pkgrel((sw.packages[p] as RepoPackage).version, r() < 0.5 ? -1 : 1));
    }
  const foreign: Machine['foreign'] = [];
  if (r() < 0.2)
    for (let i = 1 + Math.floor(r() * 4); i > 0; i -= 1) foreign.push({ name: `aur-tool-${n % 97}-${i}`, version: `${1 + (n % 5)}.${i}-1` });
  return { base, overrides, foreign, generation: 0 };
}

/** A handful of upgrades (1–5 packages): behind packages catch up first, else a newer release. */
export function upgrade(sw: FleetSoftware, m: Machine, r: () => number): number {
  const installed = sw.bases[m.base] as number[];
  const count = 1 + Math.floor(r() * 5);
  let done = 0;
  for (const [p, v] of m.overrides) {
    if (done >= count) break;
    if (v.endsWith('-0.9') || v < (sw.packages[p] as RepoPackage).version) {
      m.overrides.delete(p);
      done += 1;
    }
  }
  while (done < count) {
    const p = installed[Math.floor(r() * installed.length)] as number;
    m.overrides.set(p, pkgrel(m.overrides.get(p) ?? (sw.packages[p] as RepoPackage).version, 1));
    done += 1;
  }
  m.generation += 1;
  return done;
}

const INSTALL_DATE = '2026-05-01T12:00:00.000Z';

function packageJson(p: RepoPackage, i: number, version: string): string {
  return `${JSON.stringify(p.name)}:${JSON.stringify({ version, repository: p.repository, size: p.size, dependencies: p.depends, install_date: INSTALL_DATE, reason: i % 5 === 0 ? 'explicit' : 'dependency', provides: p.provides, arch: 'x86_64' })}`;
}

const fragments = new WeakMap<FleetSoftware, string[]>();

/** The `POST /endpoints/{id}/state` body of a machine, as the agent sends it (~350 KiB for 1,500 packages). */
export function stateBody(sw: FleetSoftware, m: Machine): string {
  // Each package's JSON at the repository's version is made once per process: building 1,500
  // objects and serialising them for every report would make the driver the bottleneck.
  let cached = fragments.get(sw);
  if (!cached) fragments.set(sw, (cached = sw.packages.map((p, i) => packageJson(p, i, p.version))));
  const parts: string[] = [];
  let size = 0;
  for (const i of sw.bases[m.base] as number[]) {
    const p = sw.packages[i] as RepoPackage;
    const v = m.overrides.get(i);
    parts.push(v === undefined ? (cached[i] as string) : packageJson(p, i, v));
    size += p.size;
  }
  for (const f of m.foreign) {
    parts.push(
      `${JSON.stringify(f.name)}:${JSON.stringify({ version: f.version, repository: null, size: 1000, dependencies: [], install_date: INSTALL_DATE, reason: 'explicit', provides: [] })}`,
    );
    size += 1000;
  }
  return `{"packages":{${parts.join(',')}},"metadata":${JSON.stringify({ total_packages: parts.length, total_size: size, capture_method: 'fleet-simulator', excluded_packages: [] })}}`;
}

/** `POST /endpoints/{id}/repositories`: the two sync repositories, `generation` in their db_hash. */
export function repositoriesBody(sw: FleetSoftware, generation: number, opts: { byHash?: boolean } = {}): string {
  const repos = new Map<string, Record<string, unknown>>();
  for (const p of sw.packages) {
    let pkgs = repos.get(p.repository);
    if (!pkgs) repos.set(p.repository, (pkgs = {}));
    pkgs[p.name] = { version: p.version, size: p.size, dependencies: p.depends, provides: p.provides, arch: 'x86_64' };
  }
  const hash = (name: string) =>
    `${name}${generation}`
      .padEnd(64, '0')
      .replace(/[^0-9a-f]/g, 'a')
      .slice(0, 64);
  return JSON.stringify({
    repositories: [...repos].map(([name, packages]) => ({
      name,
      url: `http://mirror.invalid/${name}/os/x86_64`,
      ...(opts.byHash ? {} : { packages }),
      metadata: { sync_method: 'pacman_database', db_hash: hash(name) },
    })),
  });
}
