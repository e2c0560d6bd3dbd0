import type { Command } from 'commander';
export declare function registerRegisterCommand(program: Command): Command;
