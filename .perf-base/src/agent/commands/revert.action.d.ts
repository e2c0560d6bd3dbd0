import type { Command } from 'commander';
import type { RevertCommandOptions } from './revert.command.js';
export declare function runRevert(opts: RevertCommandOptions, cmd: Command): Promise<void>;
