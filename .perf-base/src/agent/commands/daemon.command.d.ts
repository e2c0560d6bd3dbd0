import type { Command } from 'commander';
export declare function registerDaemonCommand(program: Command): Command;
