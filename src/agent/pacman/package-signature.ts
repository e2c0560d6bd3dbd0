// Signatures of the package files the agent downloads from an archive, checked before pacman sees
// them, as pacman checks a file it downloads itself (`pacman -U <url>`): under
// RemoteFileSigLevel (see core's siglevel.ts), with `<url>.sig` fetched beside it (at most 16 KiB,
// pacman's own limit), against the machine's pacman keyring (GPGDir).
//
// Why not hand the file to pacman and let it check: pacman checks a file given by path under
// LocalFileSigLevel — `Optional` on Arch — so it would install an unsigned download that pacman,
// fetching it itself, would refuse. Why gpg and not `pacman-key --verify`: pacman-key accepts a
// file when any one signature has full trust (`grep TRUST_(FULLY|ULTIMATE)`), so it can neither
// honour `TrustAll` nor refuse a file carrying one good and one bad signature. libalpm runs gpg
// through gpgme with the keyring as its home directory and judges every signature by its status
// and the key's validity; we run the same gpg on the same keyring, read the same status lines
// gpgme reads (`--status-fd`), and apply libalpm's rule (core: signatureProblem), including its
// refusal of keys disabled in the keyring (which gpg itself still reports as good).
//
// One deliberate difference: pacman 6.0's downloader decides whether to fetch the .sig, and whether
// its absence is an error, from SigLevel, and only the check afterwards uses RemoteFileSigLevel
// (dload.c alpm_fetch_pkgurl). So with `SigLevel = Never` and `RemoteFileSigLevel = Required` it
// never fetches the .sig and then refuses the file as unsigned, and with `SigLevel = Required` and
// `RemoteFileSigLevel = Optional` a missing .sig fails the download. We follow pacman.conf(5) —
// RemoteFileSigLevel governs downloads — which agrees with pacman whenever the two levels agree
// (Arch's default) and otherwise refuses nothing RemoteFileSigLevel requires.
import { spawn } from 'node:child_process';
import { access, constants, rm } from 'node:fs/promises';
import path from 'node:path';
import { describeSigLevel, signatureProblem, type PackageSigLevel, type SignatureResult } from '../../core/pacman/siglevel.js';
import { downloadFile } from './archive.js';

/** pacman's default GPGDir (pacman-conf prints it when pacman.conf sets none). */
export const DEFAULT_GPGDIR = '/etc/pacman.d/gnupg/';

/** The most pacman downloads of a `.sig` (dload.c: 16 KiB). */
export const MAX_SIGNATURE_BYTES = 16 * 1024;

export type SignatureVerdict =
  /** Every signature good; `sigFile` lies beside the package (copied into the cache with it). */
  | { status: 'verified'; sigFile: string; keys: string[] }
  /** No signature, which the level allows (Optional). */
  | { status: 'unsigned' }
  /** The level checks nothing (Never). */
  | { status: 'unchecked' };

/** A package file the machine's signature level refuses. The message names the file and why. */
export class SignatureRefused extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly level: PackageSigLevel,
  ) {
    super(`${path.basename(file)}: ${reason} (RemoteFileSigLevel ${describeSigLevel(level)})`);
    this.name = 'SignatureRefused';
  }

  /** The same, naming the file by `where` it came from (its URL). */
  describe(where: string): string {
    return `${where}: ${this.reason} (RemoteFileSigLevel ${describeSigLevel(this.level)})`;
  }
}

export interface SignatureCheckOptions {
  level: PackageSigLevel;
  /** pacman's keyring directory. */
  gpgDir: string;
  /** The gpg binary (default 'gpg'). */
  gpg?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Per-signature results of `gpg --status-fd 1 --verify`, read as gpgme reads them: each NEWSIG
 * starts a signature; GOODSIG/EXPKEYSIG/EXPSIG/BADSIG/REVKEYSIG/ERRSIG give its status (ERRSIG
 * with reason 9: no public key), TRUST_* the key's validity (none: unknown). `primary` holds the
 * primary key fingerprint of each good one (VALIDSIG's last field), for the disabled-key check.
 */
export function parseGpgStatus(text: string): { results: SignatureResult[]; primary: (string | null)[] } {
  const results: SignatureResult[] = [];
  const primary: (string | null)[] = [];
  let cur: SignatureResult | null = null;
  for (const line of text.split('\n')) {
    const m = /^\[GNUPG:\] (\S+)(?: (.*))?$/.exec(line);
    if (!m) continue;
    const [kw, rest = ''] = [m[1] as string, m[2] ?? ''];
    const args = rest.split(' ');
    if (kw === 'NEWSIG') {
      cur = { status: 'invalid', validity: 'unknown', key: '?' };
      results.push(cur);
      primary.push(null);
      continue;
    }
    if (cur === null) continue;
    const i = results.length - 1;
    switch (kw) {
      case 'GOODSIG':
        [cur.status, cur.key] = ['valid', args[0] ?? '?'];
        break;
      case 'EXPKEYSIG':
        [cur.status, cur.key] = ['key_expired', args[0] ?? '?'];
        break;
      case 'EXPSIG':
        [cur.status, cur.key] = ['sig_expired', args[0] ?? '?'];
        break;
      case 'BADSIG':
      case 'REVKEYSIG':
        [cur.status, cur.key] = ['invalid', args[0] ?? '?'];
        break;
      case 'ERRSIG':
        // ERRSIG <keyid> <pkalgo> <hashalgo> <class> <time> <rc> [<fpr>]
        cur.key = args[6] ?? args[0] ?? '?';
        cur.status = args[5] === '9' ? 'key_unknown' : 'invalid';
        break;
      case 'VALIDSIG':
        primary[i] = args[args.length - 1] ?? null;
        cur.key = args[0] ?? cur.key;
        break;
      case 'TRUST_FULLY':
      case 'TRUST_ULTIMATE':
        cur.validity = 'full';
        break;
      case 'TRUST_MARGINAL':
        cur.validity = 'marginal';
        break;
      case 'TRUST_NEVER':
        cur.validity = 'never';
        break;
      case 'TRUST_UNDEFINED':
        cur.validity = 'unknown';
        break;
    }
  }
  return { results, primary };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv | undefined): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...(env ?? process.env), LC_ALL: 'C' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fingerprints of the disabled keys in `gpg --with-colons --list-keys` output ('D' in a pub line's field 12). */
function disabledKeys(colons: string): Set<string> {
  const out = new Set<string>();
  let disabled = false;
  for (const f of colons.split('\n').map((l) => l.split(':'))) {
    if (f[0] === 'pub') disabled = (f[11] ?? '').includes('D');
    else if (f[0] === 'fpr' && disabled) {
      // The first fpr line after a pub line is the primary key's.
      out.add(f[9] ?? '');
      disabled = false;
    } else if (f[0] === 'sub') disabled = false;
  }
  return out;
}

/** gpg on pacman's keyring, as pacman-key and libalpm run it (no prompts, no ownership warnings). */
const gpgArgs = (gpgDir: string, ...args: string[]): string[] => [
  '--homedir',
  gpgDir,
  '--no-permission-warning',
  '--batch',
  '--no-tty',
  // A key missing from the keyring is a refusal, never a keyserver lookup (pacman asks before importing one).
  '--no-auto-key-retrieve',
  ...args,
];

/**
 * Checks `file`'s detached signature `sigFile` against the keyring. Returns the problem, or null
 * with the keys that signed it.
 */
export async function verifyDetached(
  file: string,
  sigFile: string,
  opts: Pick<SignatureCheckOptions, 'level' | 'gpgDir' | 'gpg' | 'env'>,
): Promise<{ problem: string | null; keys: string[] }> {
  const gpg = opts.gpg ?? 'gpg';
  // libalpm refuses to check without both keyring files (init_gpgme), and gpg would create an
  // empty keyring in a missing directory.
  for (const f of ['pubring.gpg', 'trustdb.gpg']) {
    try {
      await access(path.join(opts.gpgDir, f), constants.R_OK);
    } catch {
      return { problem: `cannot be checked: no readable pacman keyring in ${opts.gpgDir} (pacman-key --init)`, keys: [] };
    }
  }
  let out: Awaited<ReturnType<typeof run>>;
  try {
    out = await run(gpg, gpgArgs(opts.gpgDir, '--status-fd', '1', '--verify', '--', sigFile, file), opts.env);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: `cannot be checked: ${gpg} ${code === 'ENOENT' ? 'is not installed' : `failed (${code ?? String(err)})`}`, keys: [] };
  }
  const { results, primary } = parseGpgStatus(out.stdout);
  // Keys disabled in the keyring: gpgme sees them in the key listing, gpg's verify output does not.
  const good = primary.filter((p): p is string => p !== null);
  if (good.length > 0) {
    const listed = await run(gpg, gpgArgs(opts.gpgDir, '--with-colons', '--list-keys', '--', ...good), opts.env).catch(() => null);
    // Fail closed: a key we cannot look at is not known to be enabled.
    if (listed === null || listed.code !== 0) return { problem: `cannot be checked: ${gpg} could not list the signing keys`, keys: [] };
    const disabled = disabledKeys(listed.stdout);
    primary.forEach((p, i) => {
      const r = results[i];
      if (p !== null && disabled.has(p) && r !== undefined) r.status = 'key_disabled';
    });
  }
  let problem = signatureProblem(opts.level, results);
  if (results.length === 0) {
    // Not a signature at all (an error page, junk): say what gpg said.
    const said = out.stderr.split('\n').find((l) => l.startsWith('gpg: ') && !/Signature made|using .* key/.test(l));
    if (said !== undefined) problem = `${problem} (${said.trim()})`;
  }
  return { problem, keys: results.map((r) => r.key) };
}

/**
 * Fetches `<url>.sig` to `<file>.sig` when the level checks signatures and judges `file` (the
 * download of `url`). Throws SignatureRefused; on a refusal the .sig is removed.
 */
export async function checkDownloadSignature(url: string, file: string, opts: SignatureCheckOptions): Promise<SignatureVerdict> {
  if (!opts.level.check) return { status: 'unchecked' };
  const sigFile = `${file}.sig`;
  let missing: string | null = null;
  try {
    await downloadFile(`${url}.sig`, sigFile, { timeoutMs: opts.timeoutMs, signal: opts.signal, maxBytes: MAX_SIGNATURE_BYTES });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    missing = (err as Error).message;
  }
  if (missing !== null) {
    // pacman treats any failure to fetch the .sig of an optional signature as no signature
    // (dload.c: errors_ok when PackageOptional).
    if (opts.level.optional) return { status: 'unsigned' };
    throw new SignatureRefused(file, `no signature, and one is required (${path.basename(file)}.sig: ${missing})`, opts.level);
  }
  const { problem, keys } = await verifyDetached(file, sigFile, opts);
  if (problem !== null) {
    await rm(sigFile, { force: true });
    throw new SignatureRefused(file, problem, opts.level);
  }
  return { status: 'verified', sigFile, keys };
}
