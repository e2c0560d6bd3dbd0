import type { Command } from 'commander';
export declare function runDaemon(cmd: Command): Promise<void>;
