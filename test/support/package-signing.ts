// Throwaway OpenPGP keys and pacman keyrings for signature tests, made with the real gpg and
// pacman-key (no passphrase, batch mode, everything under a temp dir):
//
//   const packager = await makeSigningKey(dir, 'Packager');      // its own GNUPGHOME
//   await packager.sign(pkg.path);                                // writes <pkg>.sig (binary, detached)
//   const keyring = await makeKeyring(dir, { trusted: [packager], untrusted: [other] });
//   await useKeyring(keyring, sb.dir + '/gnupg');                 // the sandbox's GPGDir
//   await stopAgents(dir);                                        // gpg-agents started on the way
//
// A trusted key is added and locally signed by the keyring's master key (`pacman-key --add`,
// `--lsign-key`), as `pacman-key --populate` does with Arch's packagers; an untrusted one only
// added (a good signature of unknown trust); `disabled` ones are added, signed and disabled.
// Key generation (ed25519) and `pacman-key --init` take well under a second each: build once per
// test file and copy the keyring into each sandbox.
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const env = { ...process.env, LC_ALL: 'C' };

export interface SigningKey {
  name: string;
  home: string;
  fingerprint: string;
  /** The public key (binary export). */
  publicKey: string;
  /** Signs `file` into `out` (default `<file>.sig`); returns the .sig path. */
  sign(file: string, out?: string): Promise<string>;
}

export async function makeSigningKey(dir: string, name: string): Promise<SigningKey> {
  const home = path.join(dir, `gnupg-${name.toLowerCase()}`);
  await mkdir(home, { recursive: true, mode: 0o700 });
  const gpg = (...args: string[]) => exec('gpg', ['--homedir', home, '--batch', '--no-tty', ...args], { env });
  await gpg('--passphrase', '', '--quick-gen-key', `${name} <${name.toLowerCase()}@example.org>`, 'ed25519', 'sign', 'never');
  const { stdout } = await gpg('--with-colons', '--list-keys');
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(stdout)?.[1];
  if (fingerprint === undefined) throw new Error(`no key made for ${name}`);
  const publicKey = path.join(dir, `${name.toLowerCase()}.pub`);
  await gpg('--output', publicKey, '--export', fingerprint);
  return {
    name,
    home,
    fingerprint,
    publicKey,
    sign: async (file, out = `${file}.sig`) => {
      await gpg('--yes', '--local-user', fingerprint, '--output', out, '--detach-sign', file);
      return out;
    },
  };
}

export interface KeyringKeys {
  trusted?: SigningKey[];
  untrusted?: SigningKey[];
  disabled?: SigningKey[];
}

/** A pacman keyring (`pacman-key --init`) in `<dir>/keyring` holding the given keys. */
export async function makeKeyring(dir: string, keys: KeyringKeys): Promise<string> {
  const gpgdir = path.join(dir, 'keyring');
  // pacman-key insists on a readable pacman.conf even when --gpgdir is given.
  const conf = path.join(dir, 'keyring-pacman.conf');
  await writeFile(conf, '[options]\n');
  const pk = (...args: string[]) => exec('pacman-key', ['--config', conf, '--gpgdir', gpgdir, ...args], { env });
  await pk('--init');
  const all = [...(keys.trusted ?? []), ...(keys.untrusted ?? []), ...(keys.disabled ?? [])];
  for (const k of all) await pk('--add', k.publicKey);
  for (const k of [...(keys.trusted ?? []), ...(keys.disabled ?? [])]) await pk('--lsign-key', k.fingerprint);
  for (const k of keys.disabled ?? []) {
    const child = execFile('gpg', ['--homedir', gpgdir, '--batch', '--no-tty', '--command-fd', '0', '--edit-key', k.fingerprint], { env });
    child.stdin?.end('disable\nsave\n');
    await new Promise<void>((resolve, reject) =>
      child.on('close', (c) => (c === 0 ? resolve() : reject(new Error(`disabling ${k.name}: exit ${c}`)))),
    );
  }
  await exec('gpgconf', ['--homedir', gpgdir, '--kill', 'all'], { env }).catch(() => undefined);
  return gpgdir;
}

/** Copies the keyring into `gpgdir` (a sandbox's GPGDir), without gpg-agent sockets. */
export async function useKeyring(keyring: string, gpgdir: string): Promise<void> {
  await cp(keyring, gpgdir, { recursive: true, filter: (src) => !path.basename(src).startsWith('S.') });
}

/** Stops the gpg-agents started for the homes under `dir` (signing keys and keyrings). */
export async function stopAgents(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (e.isDirectory() && (e.name.startsWith('gnupg') || e.name === 'keyring')) {
      await exec('gpgconf', ['--homedir', path.join(dir, e.name), '--kill', 'all'], { env }).catch(() => undefined);
    }
  }
}
