// The difference between two package states (GET /states/{a}/diff/{b}): what a machine at `from`
// would gain, lose and change to reach `to`. Versions are compared with pacman's vercmp, so
// `1:1.0-1` after `2.0-1` is an upgrade. Names come out sorted (byte order, like pacman -Q).
import type { StatePackage } from './package-state.js';
import { vercmp } from './vercmp.js';

export interface DiffEntry {
  name: string;
  version: string;
}

export interface DiffChange {
  name: string;
  from_version: string;
  to_version: string;
  /** `equivalent`: different text, equal for vercmp (e.g. `0:1.0-1` and `1.0-1`). */
  direction: 'upgrade' | 'downgrade' | 'equivalent';
}

export interface StateDiffResult {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: DiffChange[];
  unchanged: number;
}

type Packages = Readonly<Record<string, Pick<StatePackage, 'version'>>>;

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function diffStates(from: Packages, to: Packages): StateDiffResult {
  const result: StateDiffResult = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const name of Object.keys(to).sort(byteOrder)) {
    const after = to[name];
    if (!after) continue;
    const before = Object.hasOwn(from, name) ? from[name] : undefined;
    if (!before) {
      result.added.push({ name, version: after.version });
    } else if (before.version === after.version) {
      result.unchanged++;
    } else {
      const c = vercmp(after.version, before.version);
      result.changed.push({
        name,
        from_version: before.version,
        to_version: after.version,
        direction: c > 0 ? 'upgrade' : c < 0 ? 'downgrade' : 'equivalent',
      });
    }
  }
  for (const name of Object.keys(from).sort(byteOrder)) {
    const before = from[name];
    if (before && !Object.hasOwn(to, name)) result.removed.push({ name, version: before.version });
  }
  return result;
}
