import {
  executorContext
} from "./chunk-YULYYU46.js";
import {
  ApiClient
} from "./chunk-ILHKZIDB.js";
import {
  loadConfig
} from "./chunk-AITXTHUY.js";
import {
  ConfigError
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/session.js
function configFlag(cmd) {
  return cmd.optsWithGlobals().config;
}
function commandConfig(cmd, opts = {}) {
  return loadConfig({ configFlag: configFlag(cmd), allowMissing: opts.allowMissing });
}
function clientFor(config) {
  const where = config.file ?? config.writeTarget;
  if (config.server.url === null) {
    throw new ConfigError(`no server configured in ${where}: run "pacsync register --server URL --enroll-key KEY" or set [server] url`, where, "url");
  }
  if (config.server.apiKey === null) {
    throw new ConfigError(`no API key configured in ${where}: run "pacsync register" or set [server] api_key`, where, "api_key");
  }
  return new ApiClient({ url: config.server.url, apiKey: config.server.apiKey, timeoutMs: config.server.timeout * 1e3 });
}
function sessionFor(config, extra = {}) {
  const client = clientFor(config);
  const where = config.file ?? config.writeTarget;
  if (config.client.endpointId === null) {
    throw new ConfigError(`this machine is not registered (no [client] endpoint_id in ${where}): run "pacsync register"`, where, "endpoint_id");
  }
  return { config, client, endpointId: config.client.endpointId, ctx: executorContext(config, extra) };
}

export {
  commandConfig,
  clientFor,
  sessionFor
};
