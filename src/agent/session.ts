// What every server-talking command needs: the configuration, an API client with the endpoint's
// key, the endpoint's id and the executor context for this machine's pacman. A missing piece is a
// configuration error (exit 2) that says how to fix it.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiClient } from './api-client.js';
import { loadConfig, type AgentConfig } from './config.js';
import { ConfigError } from './errors.js';
import { executorContext, type ExecutorContext } from './pacman/executor-context.js';
import type { TransportOptions } from './transport.js';

export interface Session {
  config: AgentConfig;
  client: ApiClient;
  endpointId: string;
  ctx: ExecutorContext;
}

/** The global --config flag of `cmd`'s program. */
export function configFlag(cmd: Command): string | undefined {
  return cmd.optsWithGlobals<{ config?: string }>().config;
}

/** Loads the configuration named by the command's global --config (or the usual places). */
export function commandConfig(cmd: Command, opts: { allowMissing?: boolean } = {}): AgentConfig {
  return loadConfig({ configFlag: configFlag(cmd), allowMissing: opts.allowMissing });
}

/** The [server] transport settings (transport.ts). */
export function transportOf(config: AgentConfig): TransportOptions {
  return { allowInsecureHttp: config.server.allowInsecureHttp, caFile: config.server.caFile };
}

/** A client for `config`'s server and key. ConfigError when either is missing. */
export function clientFor(config: AgentConfig): ApiClient {
  const where = config.file ?? config.writeTarget;
  if (config.server.url === null) {
    throw new ConfigError(`no server configured in ${where}: run "pacsync register --server URL --enroll-key KEY" or set [server] url`, where, 'url');
  }
  if (config.server.apiKey === null) {
    throw new ConfigError(`no API key configured in ${where}: run "pacsync register" or set [server] api_key`, where, 'api_key');
  }
  return new ApiClient({
    url: config.server.url,
    apiKey: config.server.apiKey,
    timeoutMs: config.server.timeout * 1000,
    transport: transportOf(config),
  });
}

/** Everything a command that reports or changes this machine needs. */
export function sessionFor(config: AgentConfig, extra: Partial<ExecutorContext> = {}): Session {
  const client = clientFor(config);
  const where = config.file ?? config.writeTarget;
  if (config.client.endpointId === null) {
    throw new ConfigError(`this machine is not registered (no [client] endpoint_id in ${where}): run "pacsync register"`, where, 'endpoint_id');
  }
  // Reporting another (empty) database as this machine's would make the server plan to install
  // everything: a dbpath that does not exist is a configuration error, not an empty machine.
  if (!existsSync(config.pacman.dbpath)) {
    throw new ConfigError(
      `[pacman] dbpath ${config.pacman.dbpath} does not exist ` +
        `(${config.file !== null ? `configuration file ${config.file}` : 'no configuration file'}): ` +
        `it must be this machine's pacman database directory`,
      where,
      'dbpath',
    );
  }
  return { config, client, endpointId: config.client.endpointId, ctx: executorContext(config, extra) };
}
