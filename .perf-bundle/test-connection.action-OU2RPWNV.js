import {
  clientFor,
  commandConfig
} from "./chunk-XF2QI3ZZ.js";
import "./chunk-YULYYU46.js";
import "./chunk-ILHKZIDB.js";
import {
  outputMode,
  printJson,
  say
} from "./chunk-AW2CFVCP.js";
import "./chunk-AITXTHUY.js";
import "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/test-connection.action.js
async function runTestConnection(opts, cmd) {
  const mode = outputMode(opts.json);
  const config = commandConfig(cmd);
  const client = clientFor(config);
  const started = Date.now();
  const live = await client.health();
  const latency = Date.now() - started;
  say(mode, `server ${client.baseUrl}: reachable (${latency} ms${live.version ? `, version ${live.version}` : ""})`);
  let who;
  if (config.client.endpointId !== null) {
    const ep = await client.getEndpoint(config.client.endpointId);
    who = `endpoint ${ep.name} (${ep.id})`;
  } else {
    await client.request("GET", "/pools", void 0, { limit: 1 });
    who = "a key that may list pools (not registered as an endpoint yet)";
  }
  say(mode, `authentication: ok as ${who}`);
  if (mode === "json")
    printJson({ server: client.baseUrl, reachable: true, latency_ms: latency, version: live.version ?? null, authenticated: true, as: who });
}
export {
  runTestConnection
};
