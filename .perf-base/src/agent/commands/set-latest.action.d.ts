import type { Command } from 'commander';
import type { SetLatestCommandOptions } from './set-latest.command.js';
export declare function runSetLatest(opts: SetLatestCommandOptions, cmd: Command): Promise<void>;
