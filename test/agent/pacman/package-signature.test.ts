// A downloaded package's signature is judged exactly as pacman judges it: for every kind of
// signature (good and trusted, good but untrusted, unknown key, disabled key, tampered file, junk,
// none) under every package level, the agent's verdict is the real pacman's own (`pacman -U
// --print` on the same file, the same keyring and that level as LocalFileSigLevel).
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkDownloadSignature, SignatureRefused } from '../../../src/agent/pacman/package-signature.js';
import { packageSigLevel } from '../../../src/core/pacman/siglevel.js';
import { makeKeyring, makeSigningKey, stopAgents, useKeyring } from '../../support/package-signing.js';
import { buildPackage, createSandbox, pacman, sandboxSkipReason, type Sandbox } from '../../support/pacman-sandbox.js';
import { missingTools } from '../../support/tools.js';

const skip = sandboxSkipReason() ?? missingTools('gpg', 'gpgconf', 'pacman-key');

const LEVELS = ['Required', 'Optional', 'Required TrustAll', 'Optional TrustAll', 'Never'] as const;
const CASES = [
  'trusted',
  'untrusted key',
  'unknown key',
  'disabled key',
  'tampered file',
  'junk signature',
  'no signature',
  // Several signatures in one .sig: every one must pass (pacman-key --verify would take the file
  // on the trusted one alone).
  'trusted and unknown key',
  'trusted twice',
] as const;

describe.skipIf(skip)('package signatures, judged as pacman judges them', () => {
  let work: string;
  /** Per case: the package file (its .sig beside it, if any) in a mirror directory. */
  const files = new Map<(typeof CASES)[number], string>();
  const sandboxes = new Map<(typeof LEVELS)[number], Sandbox>();

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pacsync-signature-'));
    const [packager, untrusted, stranger, retired] = await Promise.all(
      ['Packager', 'Untrusted', 'Stranger', 'Retired'].map((n) => makeSigningKey(work, n)),
    );
    if (!packager || !untrusted || !stranger || !retired) throw new Error('keys');
    const keyring = await makeKeyring(work, { trusted: [packager], untrusted: [untrusted], disabled: [retired] });
    for (const c of CASES) {
      const dir = path.join(work, 'mirror', c.replace(/ /g, '-'));
      await mkdir(dir, { recursive: true });
      const pkg = await buildPackage({ name: 'legacy', version: '0.9-1' }, dir);
      files.set(c, pkg.path);
      if (c === 'trusted') await packager.sign(pkg.path);
      if (c === 'untrusted key') await untrusted.sign(pkg.path);
      if (c === 'unknown key') await stranger.sign(pkg.path);
      if (c === 'disabled key') await retired.sign(pkg.path);
      if (c === 'trusted and unknown key' || c === 'trusted twice') {
        const second = c === 'trusted twice' ? packager : stranger;
        const a = await readFile(await packager.sign(pkg.path, `${pkg.path}.a`));
        const b = await readFile(await second.sign(pkg.path, `${pkg.path}.b`));
        await writeFile(`${pkg.path}.sig`, Buffer.concat([a, b]));
      }
      if (c === 'junk signature') await writeFile(`${pkg.path}.sig`, '<html><body>Please log in</body></html>\n');
      if (c === 'tampered file') {
        // The packager's signature of the real file, beside a file carrying something else.
        await packager.sign(pkg.path);
        const evil = await buildPackage(
          { name: 'legacy', version: '0.9-1', files: { 'etc/sudoers.d/evil': 'ALL ALL=(ALL) NOPASSWD: ALL\n' } },
          await mkdtemp(path.join(work, 'evil-')),
        );
        await copyFile(evil.path, pkg.path);
      }
    }
    for (const level of LEVELS) {
      const sb = await createSandbox({
        dir: path.join(work, `sb-${level.replace(/ /g, '-')}`),
        extraOptions: [`LocalFileSigLevel = ${level}`, `RemoteFileSigLevel = ${level}`],
      });
      await useKeyring(keyring, path.join(sb.dir, 'gnupg'));
      sandboxes.set(level, sb);
    }
  });

  afterAll(async () => {
    if (!work) return;
    await stopAgents(work);
    for (const sb of sandboxes.values()) await stopAgents(sb.dir);
    await rm(work, { recursive: true, force: true });
  });

  const ours = async (level: (typeof LEVELS)[number], c: (typeof CASES)[number]): Promise<string> => {
    const sb = sandboxes.get(level) as Sandbox;
    const file = files.get(c) as string;
    // The agent's download of it, into a staging directory of its own.
    const staging = await mkdtemp(path.join(work, 'staging-'));
    const dest = path.join(staging, path.basename(file));
    await copyFile(file, dest);
    const levelOf = packageSigLevel({ sigLevel: ['Never'], localFileSigLevel: [], remoteFileSigLevel: level.split(' ') }, 'remote');
    try {
      const v = await checkDownloadSignature(pathToFileURL(file).href, dest, { level: levelOf, gpgDir: path.join(sb.dir, 'gnupg'), timeoutMs: 5000 });
      return `accepted (${v.status})`;
    } catch (err) {
      if (err instanceof SignatureRefused) return `refused: ${err.reason}`;
      throw err;
    }
  };

  const theirs = async (level: (typeof LEVELS)[number], c: (typeof CASES)[number]): Promise<string> => {
    const r = await pacman(sandboxes.get(level) as Sandbox, ['-U', '--print', files.get(c) as string], { allowFailure: true });
    return r.code === 0 ? 'accepted' : `refused: ${r.stderr.trim()}`;
  };

  test.each(LEVELS.flatMap((l) => CASES.map((c) => [l, c] as const)))('%s, %s: the agent decides as pacman does', async (level, c) => {
    const [mine, pacmans] = [await ours(level, c), await theirs(level, c)];
    const verdict = (s: string): string => (s.startsWith('accepted') ? 'accepted' : 'refused');
    expect(verdict(mine), `agent: ${mine}\npacman: ${pacmans}`).toBe(verdict(pacmans));
  });

  test('what the refusals say', async () => {
    expect(await ours('Required', 'trusted')).toBe('accepted (verified)');
    expect(await ours('Optional', 'no signature')).toBe('accepted (unsigned)');
    expect(await ours('Never', 'junk signature')).toBe('accepted (unchecked)');
    expect(await ours('Required', 'no signature')).toMatch(
      /^refused: no signature, and one is required \(legacy-0\.9-1-x86_64\.pkg\.tar\.zst\.sig: not found\)$/,
    );
    expect(await ours('Optional', 'tampered file')).toMatch(/^refused: bad signature by key [0-9A-F]+ \(the file is not what was signed\)$/);
    expect(await ours('Required TrustAll', 'unknown key')).toMatch(/^refused: signed with key [0-9A-F]{40}, which is not in the pacman keyring$/);
    expect(await ours('Required', 'untrusted key')).toMatch(
      /which is not trusted in the pacman keyring \(not locally signed: pacman-key --lsign-key\)$/,
    );
    expect(await ours('Required', 'disabled key')).toMatch(/which is disabled in the pacman keyring$/);
    expect(await ours('Required', 'junk signature')).toMatch(/^refused: no signature found in the signature file/);
    expect(await ours('Required TrustAll', 'trusted and unknown key')).toMatch(/which is not in the pacman keyring$/);
    expect(await ours('Required', 'trusted twice')).toBe('accepted (verified)');
  });

  test('no keyring: a signed file cannot be checked and is refused, naming the directory', async () => {
    const file = files.get('trusted') as string;
    const dest = path.join(await mkdtemp(path.join(work, 'staging-')), path.basename(file));
    await copyFile(file, dest);
    const level = packageSigLevel({ sigLevel: ['Required'], localFileSigLevel: [], remoteFileSigLevel: [] }, 'remote');
    const err = await checkDownloadSignature(pathToFileURL(file).href, dest, { level, gpgDir: path.join(work, 'no-keyring'), timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SignatureRefused);
    expect((err as Error).message).toBe(
      `legacy-0.9-1-x86_64.pkg.tar.zst: cannot be checked: no readable pacman keyring ` +
        `in ${path.join(work, 'no-keyring')} (pacman-key --init) (RemoteFileSigLevel PackageRequired PackageTrustedOnly)`,
    );
  });
});
