import type { Command } from 'commander';
export declare function registerStatusCommand(program: Command): Command;
