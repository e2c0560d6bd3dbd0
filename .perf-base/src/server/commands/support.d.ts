import type { Command } from 'commander';
import type { DatabaseHandle } from '../../db/database.js';
import { type ConfigFlags, type ServerConfig } from '../config.js';
export declare function addConfigOption(cmd: Command): Command;
export declare function loadCliConfig(flags: ConfigFlags): ServerConfig;
/** Prints `pacsync-server: <message>` on stderr and sets the exit code. */
export declare function reportFailure(err: unknown): void;
/** Wraps a commander action so failures follow the one-line rule. */
export declare function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void>;
/** Runs fn with the configured database open, printing config warnings first; always closes it. */
export declare function withDatabase<T>(config: ServerConfig, fn: (db: DatabaseHandle) => Promise<T>): Promise<T>;
