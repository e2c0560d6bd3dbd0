// A sync holds `<state dir>/operation.lock` while pacman runs its transaction, so the pacman hook
// stays quiet for the agent's own operations (they report themselves), and lets it go afterwards.
// Observed from inside: the agent's pacman is a wrapper that records, on every call, whether the
// lock is held and by which live process.
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAgentBuilt, pacsync } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { pacmanQ, sandboxSkipReason } from '../support/pacman-sandbox.js';

const skip = sandboxSkipReason({ needRoot: true });

describe.skipIf(skip)('the operation lock during a sync', () => {
  let fleet: Fleet;
  let srv: LiveServer;

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
  });
  afterAll(async () => {
    await srv?.close();
    await fleet?.cleanup();
  });

  test('is held by the syncing agent while pacman changes packages, and released when it is done', async () => {
    const pool = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'locked' })).id;
    const A = await fleet.machine('a', { from: 'new', install: ['curl'] });
    const { conf: confA } = await fleet.enrol(srv, A, 'lock-a', pool);
    expect((await pacsync(['--config', confA, 'set-latest'])).code).toBe(0);

    const D = await fleet.machine('d', { from: 'old', install: ['curl'] });
    const lock = path.join(D.dir, 'operation.lock'); // the state dir is beside a --config file
    const seen = path.join(D.dir, 'lock-seen');
    const wrapper = path.join(D.dir, 'pacman-recording-lock');
    await writeFile(
      wrapper,
      `#!/bin/sh\nfor a in "$@"; do case "$a" in -U|-S|-R*|--upgrade|--sync|--remove) if [ -f ${lock} ]; then read pid rest < ${lock}; if kill ` +
        `-0 "$pid" 2>/dev/null; then echo "held $pid $a" >> ${seen}; fi; else echo "free $a" >> ${seen}; fi;; esac; done\nexec pacman "$@"\n`,
    );
    await chmod(wrapper, 0o755);
    const { conf: confD } = await fleet.enrol(srv, D, 'lock-d', pool, [`command = ${wrapper}`]);
    const r = await pacsync(['--config', confD, 'sync', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(await pacmanQ(D)).toBe(await pacmanQ(A));
    const lines = (await readFile(seen, 'utf8')).trim().split('\n');
    const transactions = lines.filter((l) => / -U$| --upgrade$/.test(l));
    expect(transactions.length).toBeGreaterThan(0);
    for (const l of transactions) expect(l).toMatch(/^held \d+ /);
    expect(existsSync(lock)).toBe(false);
  });
});
