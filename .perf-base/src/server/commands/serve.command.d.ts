import type { Command } from 'commander';
export declare function registerServeCommand(program: Command): void;
