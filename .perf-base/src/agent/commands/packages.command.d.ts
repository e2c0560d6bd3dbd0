import type { Command } from 'commander';
export declare const DRIFT_FILTERS: readonly ["missing", "behind", "ahead", "extra", "foreign", "excluded"];
export type DriftFilter = (typeof DRIFT_FILTERS)[number];
export interface PackagesCommandOptions {
    filter?: string;
    search?: string;
    json?: boolean;
}
export declare function registerPackagesCommand(program: Command): Command;
