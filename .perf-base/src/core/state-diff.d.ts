import type { StatePackage } from './package-state.js';
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
export declare function diffStates(from: Packages, to: Packages): StateDiffResult;
export {};
