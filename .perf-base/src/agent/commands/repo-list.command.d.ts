import type { Command } from 'commander';
/**
 * The command itself, shared by the commander registration below and cli.ts's start-up fast path
 * (which calls it without loading commander). Errors become one line and an exit code.
 */
export declare const runRepoListCommand: (repos: string[], configFlag: string | undefined) => Promise<void>;
export declare function registerRepoListCommand(program: Command): Command;
