import type { Command } from 'commander';
export declare function runTestConnection(opts: {
    json?: boolean;
}, cmd: Command): Promise<void>;
