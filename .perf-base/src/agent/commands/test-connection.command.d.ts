import type { Command } from 'commander';
export declare function registerTestConnectionCommand(program: Command): Command;
