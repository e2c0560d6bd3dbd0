import type { Command } from 'commander';
export declare function runStatus(opts: {
    json?: boolean;
}, cmd: Command): Promise<void>;
