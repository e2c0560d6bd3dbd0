import { ApiClient } from './api-client.js';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { executorContext } from './pacman/executor-context.js';
/** The global --config flag of `cmd`'s program. */
export function configFlag(cmd) {
    return cmd.optsWithGlobals().config;
}
/** Loads the configuration named by the command's global --config (or the usual places). */
export function commandConfig(cmd, opts = {}) {
    return loadConfig({ configFlag: configFlag(cmd), allowMissing: opts.allowMissing });
}
/** A client for `config`'s server and key. ConfigError when either is missing. */
export function clientFor(config) {
    const where = config.file ?? config.writeTarget;
    if (config.server.url === null) {
        throw new ConfigError(`no server configured in ${where}: run "pacsync register --server URL --enroll-key KEY" or set [server] url`, where, 'url');
    }
    if (config.server.apiKey === null) {
        throw new ConfigError(`no API key configured in ${where}: run "pacsync register" or set [server] api_key`, where, 'api_key');
    }
    return new ApiClient({ url: config.server.url, apiKey: config.server.apiKey, timeoutMs: config.server.timeout * 1000 });
}
/** Everything a command that reports or changes this machine needs. */
export function sessionFor(config, extra = {}) {
    const client = clientFor(config);
    const where = config.file ?? config.writeTarget;
    if (config.client.endpointId === null) {
        throw new ConfigError(`this machine is not registered (no [client] endpoint_id in ${where}): run "pacsync register"`, where, 'endpoint_id');
    }
    return { config, client, endpointId: config.client.endpointId, ctx: executorContext(config, extra) };
}
//# sourceMappingURL=session.js.map