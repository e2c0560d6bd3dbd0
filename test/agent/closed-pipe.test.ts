// Issue #11, item 4: `pacsync status | head -1` printed "Error: write EPIPE … Unhandled 'error'
// event" with a stack trace and exited 1. Every command ends quietly on a closed pipe, with its
// own exit code. The reader here is `true`, which exits before the agent (a Node process) has
// written anything, so every write meets a pipe without a reader.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AGENT_CLI, ensureAgentBuilt } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { sandboxSkipReason } from '../support/pacman-sandbox.js';

const skip = sandboxSkipReason({ needRoot: true });

/** Runs `pacsync args | true` in bash; the agent's exit status and its stderr. */
function intoClosedPipe(args: string[]): Promise<{ code: number; stderr: string }> {
  const quoted = [process.execPath, AGENT_CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `${quoted} | true; echo "agent exit ${'$'}{PIPESTATUS[0]}" >&2`],
      { env: { ...process.env, LC_ALL: 'C', HOME: '/nonexistent' } },
      (_err, _stdout, stderr) => {
        const m = /agent exit (\d+)\n$/.exec(stderr);
        resolve({ code: m ? Number(m[1]) : -1, stderr: stderr.replace(/agent exit \d+\n$/, '') });
      },
    );
  });
}

describe.skipIf(skip)('a closed pipe ends every command quietly (real server, real pacman)', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let conf: string;

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    const poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab' })).id;
    const A = await fleet.machine('a', { from: 'new', install: ['curl', 'kernel'] });
    const a = await fleet.enrol(srv, A, 'machine-a', poolId);
    const { pacsync } = await import('../support/agent-cli.js');
    expect((await pacsync(['--config', a.conf, 'set-latest'])).code).toBe(0);
    const B = await fleet.machine('b', { from: 'old', install: ['curl', 'kernel'] });
    conf = (await fleet.enrol(srv, B, 'machine-b', poolId)).conf;
  });

  afterAll(async () => {
    await srv?.close();
    await fleet?.cleanup();
  });

  test.each(['status', 'sync --dry-run', 'packages', 'submit', 'test-connection', '--help', 'query'])('pacsync %s | true', async (command) => {
    const r = await intoClosedPipe(['--config', conf, ...command.split(' ')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
