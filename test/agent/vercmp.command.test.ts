// `pacsync vercmp A B` prints what pacman's `vercmp` prints. The command is exercised through the
// built binary (dist/src/agent/pacsync.cjs, as users run it) next to /usr/bin/vercmp.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { runVercmp } from '../../src/agent/commands/vercmp.command.js';
import { AGENT_CLI, ensureAgentBuilt } from '../support/agent-cli.js';
import { missingTools } from '../support/tools.js';

const exec = promisify(execFile);

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

async function run(file: string, args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(file, args, { env: { ...process.env, LC_ALL: 'C' } });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: err.code ?? -1 };
  }
}

const pacsync = (...args: string[]): Promise<Run> => run(process.execPath, [AGENT_CLI, 'vercmp', ...args]);

describe('runVercmp', () => {
  test('prints the comparison and succeeds', () => {
    expect(runVercmp(['1.0', '1.0a'])).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
    expect(runVercmp(['1:1.0', '2.0'])).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
    expect(runVercmp(['1.5-1', '1.5'])).toEqual({ stdout: '0\n', stderr: '', exitCode: 0 });
  });

  test.each([[[]], [['1.0']], [['1', '2', '3']]])('%j: one-line error and exit code 1', (args) => {
    const out = runVercmp(args);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(`error: ${args.length} argument(s) specified; usage: pacsync vercmp <ver1> <ver2>\n`);
  });
});

describe.skipIf(missingTools('vercmp'))("pacsync vercmp (built binary) against pacman's vercmp", () => {
  beforeAll(ensureAgentBuilt, 180_000); // `npm test` builds first

  const pairs: Array<[string, string]> = [
    ['1.0', '1.0a'],
    ['1:1.0', '2.0'],
    ['1.5-1', '1.5'],
    ['1.0~rc1', '1.0'],
    ['', '1'],
    ['2___a', '2_a'],
    ['1é2', '1..2'],
    ['-1', '2'], // looks like an option: still a version
    ['6.9.7.arch1-1', '6.9.10.arch1-1'],
  ];

  test('prints what vercmp prints, with its exit code, for every pair', async () => {
    const results = await Promise.all(
      pairs.map(async ([a, b]) => ({ pair: [a, b], ours: await pacsync(a, b), theirs: await run('vercmp', [a, b]) })),
    );
    for (const { pair, ours, theirs } of results) {
      expect({ pair, stdout: ours.stdout, code: ours.code }).toEqual({ pair, stdout: theirs.stdout, code: theirs.code });
      expect(ours.stderr).toBe('');
    }
  });

  test.each([[['1.0']], [['1', '2', '3']]])('wrong argument count %j: exit 1 like vercmp, one line naming the count', async (args) => {
    const [ours, theirs] = await Promise.all([pacsync(...args), run('vercmp', args)]);
    expect(ours.code).toBe(1);
    expect(theirs.code).toBe(1);
    expect(ours.stdout).toBe('');
    expect(ours.stderr).toBe(`error: ${args.length} argument(s) specified; usage: pacsync vercmp <ver1> <ver2>\n`);
  });

  test('--help shows the usage and the output values', async () => {
    const out = await pacsync('--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Usage: pacsync vercmp <ver1> <ver2>');
    expect(out.stdout).toContain('-1 : if ver1 < ver2');
  });
});
