// The work behind `pacsync test-connection` (see test-connection.command.ts).
import type { Command } from 'commander';
import { outputMode, printJson, say } from '../output.js';
import { clientFor, commandConfig } from '../session.js';

export async function runTestConnection(opts: { json?: boolean }, cmd: Command): Promise<void> {
  const mode = outputMode(opts.json);
  const config = commandConfig(cmd);
  const client = clientFor(config);
  const started = Date.now();
  const live = await client.health();
  const latency = Date.now() - started;
  say(mode, `server ${client.baseUrl}: reachable (${latency} ms${live.version ? `, version ${live.version}` : ''})`);
  // An endpoint key may read its own endpoint; other keys are checked on something they may read.
  let who: string;
  if (config.client.endpointId !== null) {
    const ep = await client.getEndpoint(config.client.endpointId);
    who = `endpoint ${ep.name} (${ep.id})`;
  } else {
    await client.request('GET', '/pools', undefined, { limit: 1 });
    who = 'a key that may list pools (not registered as an endpoint yet)';
  }
  say(mode, `authentication: ok as ${who}`);
  if (mode === 'json')
    printJson({ server: client.baseUrl, reachable: true, latency_ms: latency, version: live.version ?? null, authenticated: true, as: who });
}
