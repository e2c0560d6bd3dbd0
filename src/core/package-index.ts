// A compact text form of a package state holding only what drift reads (src/core/drift.ts): each
// package's name, version, install reason and repository, and the state's own exclusion list.
// Stored next to state_data (package_states.package_index, migration 005) so a pool-wide drift
// recomputation reads a few dozen KB per member instead of parsing the full JSON state (~350 KB
// for 1,500 packages). Decoding gives a DriftState that computeDrift treats exactly like the
// state it was encoded from; anything the text form cannot carry faithfully (a tab or newline in
// a field, a field of an unexpected type) makes encodePackageIndex return null, and readers then
// fall back to the full state.
//
// Format, one record a line, tab-separated, packages sorted by name (`<` order, as targets are):
//   pacsync-index 1<TAB><JSON array of metadata.excluded_packages>
//   <name><TAB><version><TAB><reason: e explicit | d dependency | - none><TAB>[<repository>]
// A line with three fields is a package in no repository (repository null); with four, the
// fourth is its repository (possibly empty).
import type { PackageStateData } from './package-state.js';
import { isSorted } from './state.js';

const HEADER = 'pacsync-index 1';

/** What computeDrift reads of a package. */
export interface DriftPackage {
  version: string;
  repository: string | null;
  reason?: 'explicit' | 'dependency';
}

/** What computeDrift reads of a state, by name; a full PackageStateData is one. */
export interface DriftPackageMap {
  packages: Record<string, DriftPackage>;
  metadata?: { excluded_packages?: readonly string[] };
}

/**
 * The same as two arrays in name order: what a decoded index gives. A pool-wide recomputation
 * decodes one per member; arrays cost half what an object of 1,500 keys does to build and walk
 * (a set-latest on 1,000 members: ~0.75 s of decoding and drift against ~0.4 s).
 */
export interface DriftPackageList {
  names: string[];
  entries: DriftPackage[];
  metadata: { excluded_packages: readonly string[] };
}

/** What computeDrift reads of a state. */
export type DriftState = DriftPackageMap | DriftPackageList;

export function isPackageList(state: DriftState): state is DriftPackageList {
  return (state as Partial<DriftPackageList>).names !== undefined;
}

const plain = (s: string): boolean => s.indexOf('\t') === -1 && s.indexOf('\n') === -1;

/** The state's index text, or null when it cannot be represented exactly (readers use the state). */
export function encodePackageIndex(state: PackageStateData): string | null {
  const own: unknown = state.metadata?.excluded_packages ?? [];
  if (!Array.isArray(own) || !own.every((p) => typeof p === 'string')) return null;
  const names = Object.keys(state.packages);
  if (!isSorted(names)) names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = new Array<string>(names.length + 1);
  lines[0] = `${HEADER}\t${JSON.stringify(own)}`;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const p = state.packages[name];
    if (p === null || typeof p !== 'object') return null;
    const { version, repository, reason } = p as { version: unknown; repository: unknown; reason: unknown };
    if (typeof version !== 'string' || !plain(name) || !plain(version)) return null;
    const r = reason === 'explicit' ? 'e' : reason === 'dependency' ? 'd' : reason === undefined ? '-' : null;
    if (r === null) return null;
    if (repository === null) lines[i + 1] = `${name}\t${version}\t${r}`;
    else if (typeof repository === 'string' && plain(repository)) lines[i + 1] = `${name}\t${version}\t${r}\t${repository}`;
    else return null;
  }
  return lines.join('\n');
}

/** Thrown for index text this build did not write; callers fall back to the full state. */
export class PackageIndexFormatError extends Error {
  constructor(message: string) {
    super(`package index: ${message}`);
    this.name = 'PackageIndexFormatError';
  }
}

/** The packages an index text was encoded from, as a list in name order. */
export function decodePackageList(text: string): DriftPackageList {
  let end = text.indexOf('\n');
  if (end === -1) end = text.length;
  const header = text.slice(0, end);
  if (!header.startsWith(`${HEADER}\t`)) throw new PackageIndexFormatError('unknown header');
  const own = JSON.parse(header.slice(HEADER.length + 1)) as string[];
  const names: string[] = [];
  const entries: DriftPackage[] = [];
  let pos = end + 1;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const t1 = text.indexOf('\t', pos);
    const t2 = t1 === -1 ? -1 : text.indexOf('\t', t1 + 1);
    if (t2 === -1 || t2 >= nl || t2 + 2 > nl) throw new PackageIndexFormatError(`bad line at offset ${pos}`);
    const code = text.charCodeAt(t2 + 1);
    const reason = code === 101 /* e */ ? 'explicit' : code === 100 /* d */ ? 'dependency' : undefined;
    const repository = t2 + 2 === nl ? null : text.slice(t2 + 3, nl);
    names.push(text.slice(pos, t1));
    // One object shape for every package (reason present, maybe undefined): monomorphic reads.
    entries.push({ version: text.slice(t1 + 1, t2), repository, reason });
    pos = nl + 1;
  }
  return { names, entries, metadata: { excluded_packages: own } };
}

/** The DriftState an index text was encoded from, by name. */
export function decodePackageIndex(text: string): DriftPackageMap {
  const list = decodePackageList(text);
  // No prototype: a package named "__proto__" (or "constructor") is an ordinary key, as it is in
  // the object JSON.parse makes of a state.
  const packages = Object.create(null) as Record<string, DriftPackage>;
  list.names.forEach((name, i) => (packages[name] = list.entries[i] as DriftPackage));
  return { packages, metadata: list.metadata };
}
