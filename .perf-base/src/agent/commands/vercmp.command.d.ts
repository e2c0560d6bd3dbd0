import type { Command } from 'commander';
export interface VercmpOutcome {
    stdout: string;
    stderr: string;
    exitCode: number;
}
/** The command's whole behaviour, without touching the process. */
export declare function runVercmp(args: readonly string[]): VercmpOutcome;
export declare function registerVercmpCommand(program: Command): Command;
