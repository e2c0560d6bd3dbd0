import type { Command } from 'commander';
export declare function runRegister(opts: {
    server: string;
    enrollKey: string;
    name?: string;
    pool?: string;
    json?: boolean;
}, cmd: Command): Promise<void>;
