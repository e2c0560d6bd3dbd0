// Small builders for package states in tests: `state({ firefox: '110.0-1', glibc: dep('2.39-1') })`.
import type { InstallReason, PackageStateData, StatePackage } from '../../src/core/package-state.js';

export interface PkgOptions {
  repository?: string | null;
  reason?: InstallReason;
  depends?: string[];
  provides?: string[];
  size?: number;
  install_date?: string | null;
  arch?: string;
}

/** An explicitly installed package from `core` unless told otherwise. */
export function pkg(version: string, o: PkgOptions = {}): StatePackage {
  const p: StatePackage = {
    version,
    repository: o.repository === undefined ? 'core' : o.repository,
    size: o.size ?? 1000,
    dependencies: o.depends ?? [],
    install_date: o.install_date === undefined ? '2024-01-15T10:30:00Z' : o.install_date,
    reason: o.reason ?? 'explicit',
    provides: o.provides ?? [],
  };
  if (o.arch !== undefined) p.arch = o.arch;
  return p;
}

/** A package installed as a dependency. */
export function dep(version: string, o: PkgOptions = {}): StatePackage {
  return pkg(version, { ...o, reason: 'dependency' });
}

/** A state from name → version (explicit, core) or name → StatePackage. */
export function state(packages: Record<string, string | StatePackage>, metadata: Partial<PackageStateData['metadata']> = {}): PackageStateData {
  const out: Record<string, StatePackage> = {};
  let size = 0;
  for (const [name, p] of Object.entries(packages)) {
    const entry = typeof p === 'string' ? pkg(p) : p;
    out[name] = entry;
    size += entry.size;
  }
  return {
    packages: out,
    metadata: {
      total_packages: Object.keys(out).length,
      total_size: size,
      capture_method: 'test',
      excluded_packages: [],
      ...metadata,
    },
  };
}

/** name → version of a state, for comparing package sets. */
export function versions(s: PackageStateData): Record<string, string> {
  return Object.fromEntries(
    Object.entries(s.packages)
      .map(([n, p]) => [n, p.version] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
