// The reliability run (npm run test:reliability, also in .ci/run) must fail when a must-be-zero
// figure of its report is not zero, even though every test passed: runs vitest with the suite's
// reporter on a fixture that records one such figure, and checks the exit status and the report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'pacsync-reliability-verdict-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(fixture: string): Promise<{ code: number | null; output: string; report: { failures: string[]; requests: { serverErrors: number } } }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
  const dir = path.join(scratch, fixture);
  const file = path.join(dir, 'report.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitestBin, 'run', '--config', 'test/fixtures/reliability/vitest.config.ts'], {
      cwd: root,
      env: { ...env, RELIABILITY_FIXTURE: fixture, RELIABILITY_RECORD_DIR: path.join(dir, 'records'), RELIABILITY_REPORT_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, report: JSON.parse(readFileSync(file, 'utf8')) }));
  });
}

describe('the reliability run', () => {
  it.concurrent(
    'passes when every must-be-zero figure is zero',
    async () => {
      const r = await run('clean');
      expect(r.output).toMatch(/every must-be-zero figure is zero/);
      expect(r.report.failures).toEqual([]);
      expect(r.code, r.output).toBe(0);
    },
    120_000,
  );

  it.concurrent.each([
    ['5xx', /5xx answers: 1/],
    ['lost', /reports lost: 1/],
    ['duplicate', /duplicates: 1/],
    ['writes', /refused requests that changed the database: 1/],
    ['fault', /faults not survived \(sigkill\): 1 of 1/],
    ['reader', /reader cases without a clear error: 1/],
    ['secret', /API keys found in the logs: 1 of 1/],
  ])(
    'fails when %s is not zero, though every test passed',
    async (fixture, message) => {
      const r = await run(fixture);
      expect(r.output).toMatch(/1 passed/);
      expect(r.output).toMatch(/RELIABILITY FAILED/);
      expect(r.report.failures.join('\n')).toMatch(message);
      expect(r.code, r.output).not.toBe(0);
    },
    120_000,
  );
});
