// pacman's configuration comes from pacman-conf when installed, else from our parser with Include
// files and globs read from disk: both give the same repositories, and a broken file is one
// PacmanFormatError naming it either way.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { machine, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFormatError } from '../../../src/core/errors.js';
import { loadPacmanConf, parsePacmanConfFile } from '../../../src/agent/pacman/pacman-conf.reader.js';
import { missingTools } from '../../support/tools.js';

describe.skipIf(missingTools('pacman-conf'))('loadPacmanConf', () => {
  let dir: string;
  let conf: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-confreader-'));
    await mkdir(path.join(dir, 'pacman.d', 'repos'), { recursive: true });
    conf = path.join(dir, 'pacman.conf');
    await writeFile(
      conf,
      `[options]\nArchitecture = auto\nIgnorePkg = linux\nHoldPkg = pacman glibc\n\n[core]\nInclude ` +
        `= ${dir}/pacman.d/mirrorlist\n\nInclude = ${dir}/pacman.d/repos/*.conf\n\n[zlast]\nServer = file:///srv/zlast\n`,
    );
    await writeFile(path.join(dir, 'pacman.d', 'mirrorlist'), '# mirrors\nServer = https://mirror.example/$repo/os/$arch\n');
    await writeFile(path.join(dir, 'pacman.d', 'repos', '20-b.conf'), '[b-repo]\nServer = https://b.example/$repo\n');
    await writeFile(path.join(dir, 'pacman.d', 'repos', '10-a.conf'), '[a-repo]\nServer = https://a.example/$repo/$arch\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const summary = (c: Awaited<ReturnType<typeof loadPacmanConf>>) => ({
    repos: c.repositories.map((r) => [r.name, r.servers]),
    ignorePkg: c.ignorePkg,
    holdPkg: c.holdPkg,
    arch: c.architectures,
  });

  test('pacman-conf and the fallback parser agree, globbed Includes in sorted order', async () => {
    const viaTool = await loadPacmanConf(conf);
    const viaParser = await loadPacmanConf(conf, { pacmanConf: null });
    expect(summary(viaTool)).toEqual({
      repos: [
        ['core', [`https://mirror.example/core/os/${machine()}`]],
        ['a-repo', [`https://a.example/a-repo/${machine()}`]],
        ['b-repo', ['https://b.example/b-repo']],
        ['zlast', ['file:///srv/zlast']],
      ],
      ignorePkg: ['linux'],
      holdPkg: ['pacman', 'glibc'],
      arch: [machine()],
    });
    expect(summary(viaParser)).toEqual(summary(viaTool));
  });

  test('without pacman-conf installed, the parser is used', async () => {
    const c = await loadPacmanConf(conf, { pacmanConf: '/nonexistent/pacman-conf' });
    expect(c.repositories.map((r) => r.name)).toEqual(['core', 'a-repo', 'b-repo', 'zlast']);
  });

  test('a broken configuration: PacmanFormatError naming the file, from either path', async () => {
    const bad = path.join(dir, 'bad.conf');
    await writeFile(bad, '[options]\nInclude = /nonexistent/mirrorlist\n');
    for (const load of [() => loadPacmanConf(bad), () => parsePacmanConfFile(bad)]) {
      const err = await load().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PacmanFormatError);
      expect((err as PacmanFormatError).file).toBe(bad);
      expect((err as Error).message).toContain('/nonexistent/mirrorlist could not be read');
    }
    const missing = path.join(dir, 'missing.conf');
    await expect(loadPacmanConf(missing)).rejects.toThrow(`${missing}: config file ${missing} could not be read`);
    await expect(loadPacmanConf(missing, { pacmanConf: null })).rejects.toThrow(`${missing}: config file ${missing} could not be read`);
  });

  // Found by the reliability suite's reader fuzzing: an Include of a pipe blocked the agent for good
  // (the built-in parser in a synchronous read, pacman-conf reading its own output pipe).
  test('an Include of a pipe or of /proc/self/fd/* is a clear error, never a hang; /dev/null is empty', async () => {
    const fifo = path.join(dir, 'mirrors.fifo');
    execFileSync('mkfifo', [fifo]);
    const piped = path.join(dir, 'piped.conf');
    await writeFile(piped, `[options]\nArchitecture = auto\n[core]\nInclude = ${fifo}\n`);
    await expect(loadPacmanConf(piped, { pacmanConf: null })).rejects.toThrow(`${piped}: config file ${fifo} could not be read: not a regular file`);
    const selfFds = path.join(dir, 'fds.conf');
    await writeFile(selfFds, '[options]\nArchitecture = auto\n[core]\nInclude = /proc/self/fd/*\n');
    const viaTool = await loadPacmanConf(selfFds, { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(viaTool).toBeInstanceOf(PacmanFormatError);
    expect((viaTool as Error).message).toMatch(/pacman-conf did not finish within 1 s|could not be read/);
    const devNull = path.join(dir, 'null.conf');
    await writeFile(devNull, '[options]\nArchitecture = auto\n[core]\nInclude = /dev/null\nServer = file:///srv/core\n');
    expect((await loadPacmanConf(devNull, { pacmanConf: null })).repositories.map((r) => r.name)).toEqual(['core']);
  });
});
