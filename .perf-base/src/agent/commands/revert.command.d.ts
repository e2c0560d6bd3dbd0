import type { Command } from 'commander';
export interface RevertCommandOptions {
    stateId?: string;
    dryRun?: boolean;
    yes?: boolean;
    json?: boolean;
}
export declare function registerRevertCommand(program: Command): Command;
