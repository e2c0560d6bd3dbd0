import type { Command } from 'commander';
import { ApiClient } from './api-client.js';
import { type AgentConfig } from './config.js';
import { type ExecutorContext } from './pacman/executor-context.js';
export interface Session {
    config: AgentConfig;
    client: ApiClient;
    endpointId: string;
    ctx: ExecutorContext;
}
/** The global --config flag of `cmd`'s program. */
export declare function configFlag(cmd: Command): string | undefined;
/** Loads the configuration named by the command's global --config (or the usual places). */
export declare function commandConfig(cmd: Command, opts?: {
    allowMissing?: boolean;
}): AgentConfig;
/** A client for `config`'s server and key. ConfigError when either is missing. */
export declare function clientFor(config: AgentConfig): ApiClient;
/** Everything a command that reports or changes this machine needs. */
export declare function sessionFor(config: AgentConfig, extra?: Partial<ExecutorContext>): Session;
