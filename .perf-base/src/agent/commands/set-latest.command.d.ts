import type { Command } from 'commander';
export interface SetLatestCommandOptions {
    message?: string;
    packages?: string;
    dryRun?: boolean;
    force?: boolean;
    json?: boolean;
}
export declare function registerSetLatestCommand(program: Command): Command;
