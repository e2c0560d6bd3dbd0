// The local database read directly agrees with pacman -Q on a sandbox pacman installed into, and
// damaged entries are reported naming the file instead of being skipped.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFormatError } from '../../../src/core/errors.js';
import { listLocalDb, readLocalDb } from '../../../src/agent/pacman/local-db.reader.js';
import { installPackages, makeSandbox, pacmanQ, sandboxSkipReason, type Sandbox } from '../../support/pacman-sandbox.js';
import { coreRepo, extraRepo, LONG_NAME } from '../../support/pacman-scenarios.js';

describe.skipIf(sandboxSkipReason({ needRoot: true }))('local database written by pacman', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await makeSandbox({ repos: { core: coreRepo(), extra: extraRepo() }, install: ['epochal', 'git-snapshot', LONG_NAME] });
    await installPackages(sb, ['scripted'], { noscriptlet: true });
  }, 120_000);
  afterAll(async () => {
    await sb?.cleanup();
  });

  test('listLocalDb and readLocalDb list what pacman -Q lists, in its order', async () => {
    const q = await pacmanQ(sb);
    expect(
      listLocalDb(sb.dbpath)
        .map((p) => `${p.name} ${p.version}\n`)
        .join(''),
    ).toBe(q);
    expect(
      readLocalDb(sb.dbpath)
        .map((p) => `${p.name} ${p.version}\n`)
        .join(''),
    ).toBe(q);
  });

  test('fields, install reasons and scriptlets as installed', () => {
    const all = readLocalDb(sb.dbpath, { scriptlets: true });
    const by = new Map(all.map((p) => [p.name, p]));
    expect(by.get('epochal')).toMatchObject({ version: '2:1.0rc1-3', hasScriptlet: false, size: 2176, provides: ['epoch-provider=2.0'] });
    expect(by.get('epochal')?.reason).toBeUndefined(); // pacman writes no %REASON% for explicit installs
    expect(by.get('bash')).toMatchObject({ reason: 1, provides: ['sh'] });
    expect(by.get('scripted')?.hasScriptlet).toBe(true);
    expect(by.get(LONG_NAME)?.desc).toBe('Unicode text: naïve café — ünïcödé');
    expect(readLocalDb(sb.dbpath)[0]?.hasScriptlet).toBeUndefined(); // not asked for
  });
});

describe('damaged or missing local databases', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-localdb-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const entry = async (db: string, name: string, text: string | null): Promise<string> => {
    const d = path.join(dir, db, 'local', name);
    await mkdir(d, { recursive: true });
    if (text !== null) await writeFile(path.join(d, 'desc'), text);
    return path.join(d, 'desc');
  };

  test('no local directory yet: an empty database (as libalpm treats it)', async () => {
    await mkdir(path.join(dir, 'fresh'));
    expect(listLocalDb(path.join(dir, 'fresh'))).toEqual([]);
    expect(readLocalDb(path.join(dir, 'fresh'))).toEqual([]);
  });

  test('files beside the entries (ALPM_DB_VERSION) are not packages', async () => {
    await entry('withversion', 'a-1-1', '%NAME%\na\n\n%VERSION%\n1-1\n');
    await writeFile(path.join(dir, 'withversion', 'local', 'ALPM_DB_VERSION'), '9\n');
    expect(listLocalDb(path.join(dir, 'withversion'))).toEqual([{ name: 'a', version: '1-1' }]);
  });

  test('a missing dbpath is an error naming it', () => {
    expect(() => listLocalDb(path.join(dir, 'nope'))).toThrow(PacmanFormatError);
    expect(() => listLocalDb(path.join(dir, 'nope'))).toThrow(`${path.join(dir, 'nope')}: could not find or read database directory`);
  });

  test('an entry without desc, a desc without %VERSION%, a desc for another version: errors naming the file', async () => {
    const missing = await entry('nodesc', 'a-1-1', null);
    expect(() => readLocalDb(path.join(dir, 'nodesc'))).toThrow(`${missing}: could not read (no such file or directory)`);
    const noVersion = await entry('noversion', 'a-1-1', '%NAME%\na\n');
    expect(() => readLocalDb(path.join(dir, 'noversion'))).toThrow(`${noVersion}: missing %VERSION%`);
    const other = await entry('mismatch', 'a-1-1', '%NAME%\na\n\n%VERSION%\n2-1\n');
    expect(() => readLocalDb(path.join(dir, 'mismatch'))).toThrow(`${other}: entry 'a-1-1' does not match`);
  });

  test('an entry without desc, as a pacman killed mid-package leaves it: with `incomplete` it is not installed, and named', async () => {
    await entry('cut', 'a-1-1', '%NAME%\na\n\n%VERSION%\n1-1\n');
    await entry('cut', 'big-2-1', null);
    const incomplete: string[] = [];
    expect(readLocalDb(path.join(dir, 'cut'), { incomplete }).map((p) => p.name)).toEqual(['a']);
    expect(incomplete).toEqual(['big-2-1']);
    // A desc that is there but damaged is still an error.
    await entry('cut', 'c-1-1', '%NAME%\nc\n');
    expect(() => readLocalDb(path.join(dir, 'cut'), { incomplete: [] })).toThrow('missing %VERSION%');
  });

  test('an entry name that is not <name>-<pkgver>-<pkgrel>', async () => {
    await entry('badname', 'justaname', '%NAME%\njustaname\n');
    expect(() => listLocalDb(path.join(dir, 'badname'))).toThrow("invalid database entry name 'justaname'");
  });
});
