import type { Command } from 'commander';
import type { SyncCommandOptions } from './sync.command.js';
export declare function runSync(opts: SyncCommandOptions, cmd: Command): Promise<void>;
