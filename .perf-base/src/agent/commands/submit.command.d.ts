import type { Command } from 'commander';
export declare function registerSubmitCommand(program: Command): Command;
