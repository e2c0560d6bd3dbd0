import type { Command } from 'commander';
export interface QueryOptions {
    info?: boolean;
}
/**
 * The command itself, shared by the commander registration below and cli.ts's start-up fast path
 * (which calls it without loading commander). Errors become one line and an exit code.
 */
export declare const runQueryCommand: (names: string[], opts: QueryOptions, configFlag: string | undefined) => Promise<void>;
export declare function registerQueryCommand(program: Command): Command;
