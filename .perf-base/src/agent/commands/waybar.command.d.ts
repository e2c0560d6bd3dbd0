import type { Command } from 'commander';
export declare function registerWaybarCommand(program: Command): Command;
