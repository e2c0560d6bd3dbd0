import type { Command } from 'commander';
import { type PackagesCommandOptions } from './packages.command.js';
export declare function runPackages(opts: PackagesCommandOptions, cmd: Command): Promise<void>;
