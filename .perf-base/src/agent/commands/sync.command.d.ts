import type { Command } from 'commander';
export interface SyncCommandOptions {
    dryRun?: boolean;
    force?: boolean;
    packages?: string;
    exclude?: string;
    yes?: boolean;
    json?: boolean;
}
export declare function registerSyncCommand(program: Command): Command;
