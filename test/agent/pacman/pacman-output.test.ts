// formatQi is pacman -Qi: on generated local databases (random versions, sizes around the unit
// boundaries and rounding ties, dates in several time zones, reverse dependencies through names
// and versioned provisions, optional deps installed or not, scriptlets, validation kinds, wrapped
// and unwrapped output) the real pacman's output and ours must be identical.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readLocalDb } from '../../../src/agent/pacman/local-db.reader.js';
import { InstalledPackages, formatQi, humanizeSize, qiContext } from '../../../src/agent/pacman/pacman-output.js';
import { missingTools } from '../../support/tools.js';

const exec = promisify(execFile);

interface GenPkg {
  name: string;
  version: string;
  desc: string | null;
  url: string | null;
  packager: string | null;
  size: number | null;
  builddate: number;
  installdate: number;
  reason: 0 | 1 | null;
  validation: string[];
  licenses: string[];
  groups: string[];
  depends: string[];
  optdepends: string[];
  provides: string[];
  conflicts: string[];
  replaces: string[];
  scriptlet: boolean;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'lib-x', 'py-y', 'z3'];
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const version = fc
  .tuple(
    fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    fc.constantFrom('1.0', '2.3.4', '0.9rc1', '20240101.r3.gabc', '1.10'),
    fc.integer({ min: 1, max: 4 }),
  )
  .map(([e, v, r]) => `${e ? `${e}:` : ''}${v}-${r}`);
const op = fc.constantFrom('', '>=', '<=', '=', '<', '>');
const depOn = fc
  .tuple(fc.constantFrom(...NAMES, 'virtual', 'so-lib'), op, fc.constantFrom('1.0', '2', '1:1.0', '0.5-1'))
  .map(([n, o, v]) => (o ? `${n}${o}${v}` : n));
const size = fc.oneof(
  fc.constantFrom(0, 1, 1023, 2047, 2048, 2049, 2176, 2048 * 1024, 2048 * 1024 + 1, 2048 * 1024 ** 2, 1152, 11_534_336 + 5_242_880),
  fc.integer({ min: 0, max: 2 ** 42 }),
);
const text = fc.array(word, { minLength: 1, maxLength: 25 }).map((ws) => ws.join(' '));

const pkgs = fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length }).chain((names) =>
  fc.tuple(
    ...names.map((name): fc.Arbitrary<GenPkg> =>
      fc.record({
        name: fc.constant(name),
        version,
        desc: fc.option(text, { nil: null }),
        url: fc.option(
          word.map((w) => `https://${w}.example.org/`),
          { nil: null },
        ),
        packager: fc.option(fc.constantFrom('Some One <one@example.org>', 'Unknown Packager'), { nil: null }),
        size: fc.option(size, { nil: null }),
        builddate: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 31 - 1 })),
        installdate: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 31 - 1 })),
        reason: fc.constantFrom<0 | 1 | null>(0, 1, null),
        validation: fc.constantFrom<string[]>([], ['none'], ['sha256'], ['md5', 'sha256'], ['pgp'], ['sha256', 'pgp']),
        licenses: fc.array(word, { maxLength: 4 }),
        groups: fc.array(word, { maxLength: 3 }),
        depends: fc.uniqueArray(depOn, { maxLength: 12 }),
        optdepends: fc.uniqueArray(
          fc.tuple(depOn, fc.option(text, { nil: null })).map(([d, t]) => (t ? `${d}: ${t}` : d)),
          { maxLength: 4 },
        ),
        provides: fc.uniqueArray(fc.constantFrom('virtual', 'virtual=1.0', 'virtual=2', 'so-lib=1:1.0-1', 'so-lib'), { maxLength: 2 }),
        conflicts: fc.array(word, { maxLength: 2 }),
        replaces: fc.array(word, { maxLength: 2 }),
        scriptlet: fc.boolean(),
      }),
    ),
  ),
);

function desc(p: GenPkg): string {
  const one = (k: string, v: string | number | null): string => (v === null ? '' : `%${k}%\n${v}\n\n`);
  const many = (k: string, v: string[]): string => (v.length === 0 ? '' : `%${k}%\n${v.join('\n')}\n\n`);
  return (
    one('NAME', p.name) +
    one('VERSION', p.version) +
    one('DESC', p.desc) +
    one('URL', p.url) +
    one('ARCH', 'x86_64') +
    one('BUILDDATE', p.builddate || null) +
    one('INSTALLDATE', p.installdate || null) +
    one('PACKAGER', p.packager) +
    one('SIZE', p.size) +
    one('REASON', p.reason) +
    many('GROUPS', p.groups) +
    many('LICENSE', p.licenses) +
    many('VALIDATION', p.validation) +
    many('REPLACES', p.replaces) +
    many('DEPENDS', p.depends) +
    many('OPTDEPENDS', p.optdepends) +
    many('CONFLICTS', p.conflicts) +
    many('PROVIDES', p.provides)
  );
}

describe.skipIf(missingTools('pacman'))('formatQi against pacman -Qi on generated local databases', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-qi-'));
    await writeFile(path.join(dir, 'pacman.conf'), '[options]\nArchitecture = x86_64\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('identical output for every generated database, time zone and width', async () => {
    await fc.assert(
      fc.asyncProperty(
        pkgs,
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/St_Johns', 'Pacific/Chatham'),
        fc.constantFrom(0, 30, 52, 80, 200),
        async (list, tz, cols) => {
          const dbpath = path.join(dir, `db${n++}`);
          for (const p of list) {
            const entry = path.join(dbpath, 'local', `${p.name}-${p.version}`);
            await mkdir(entry, { recursive: true });
            await writeFile(path.join(entry, 'desc'), desc(p));
            if (p.scriptlet) await writeFile(path.join(entry, 'install'), 'post_install() { :; }\n');
          }
          await writeFile(path.join(dbpath, 'local', 'ALPM_DB_VERSION'), '9\n');
          const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', TZ: tz };
          delete env.COLUMNS;
          if (cols) env.COLUMNS = String(cols);
          const { stdout: theirs } = await exec('pacman', ['--config', path.join(dir, 'pacman.conf'), '--dbpath', dbpath, '-Qi'], { env });

          // Ours, in this process: TZ is read by Date at call time from process.env.
          const savedTz = process.env.TZ;
          process.env.TZ = tz;
          try {
            const all = readLocalDb(dbpath, { scriptlets: true });
            const ctx = qiContext(new InstalledPackages(all), cols);
            expect(all.map((p) => formatQi(p, ctx)).join('')).toBe(theirs);
          } finally {
            if (savedTz === undefined) delete process.env.TZ;
            else process.env.TZ = savedTz;
          }
          await rm(dbpath, { recursive: true, force: true });
        },
      ),
      { numRuns: Number(process.env.PACSYNC_QI_RUNS ?? 40) },
    );
  }, 120_000);
});

describe('humanizeSize', () => {
  test('rounds ties to even from the exact value, like glibc printf (not like toFixed)', () => {
    expect(humanizeSize(2176)).toBe('2.12 KiB'); // 2.125
    expect(humanizeSize(2048)).toBe('2048.00 B');
    expect(humanizeSize(2049)).toBe('2.00 KiB');
    expect(humanizeSize(5 * 1024 ** 3 + 123_456_789)).toBe('5.11 GiB');
  });
});
