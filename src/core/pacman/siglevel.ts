// pacman.conf's SigLevel, LocalFileSigLevel and RemoteFileSigLevel (pacman.conf(5), "Package and
// Database Signature Checking"), computed as pacman 6.0's conf.c does, and libalpm's rule for
// whether a package file's signatures are good enough (signing.c, _alpm_check_pgp_helper).
//
// A value is a list of words, each `[Package|Database]Never|Optional|Required|TrustedOnly|TrustAll`
// (no prefix: both). Words are applied in order onto the option's bits (process_siglevel): every
// word sets or clears its bits and marks them in a mask. SigLevel starts from pacman's compiled
// default (`Optional`, i.e. PackageOptional PackageTrustedOnly DatabaseOptional DatabaseTrustedOnly);
// the two file levels start empty and, after the whole file is read, take every bit their own
// words did not mention from SigLevel (merge_siglevel) — so `RemoteFileSigLevel = TrustAll` under
// `SigLevel = Required` means required and any trust, and a missing RemoteFileSigLevel means
// SigLevel. pacman-conf prints the merged package part (`PackageRequired PackageTrustAll`), which
// reads back to the same level, so the agent gets the same answer from pacman-conf's output as
// from the file itself.
//
// Only the package half matters for a package file. `pacman -U <url>` checks the downloaded file
// under RemoteFileSigLevel, `pacman -U <file>` under LocalFileSigLevel.

// libalpm's alpm_siglevel_t bits (alpm.h).
const PACKAGE = 1 << 0;
const PACKAGE_OPTIONAL = 1 << 1;
const PACKAGE_MARGINAL_OK = 1 << 2;
const PACKAGE_UNKNOWN_OK = 1 << 3;
const DATABASE = 1 << 10;
const DATABASE_OPTIONAL = 1 << 11;
const DATABASE_MARGINAL_OK = 1 << 12;
const DATABASE_UNKNOWN_OK = 1 << 13;

/** pacman's default SigLevel (conf.c config_new): Optional for packages and databases. */
const DEFAULT_SIGLEVEL = PACKAGE | PACKAGE_OPTIONAL | DATABASE | DATABASE_OPTIONAL;

const VALUES = ['Never', 'Optional', 'Required', 'TrustedOnly', 'TrustAll'] as const;

/** Whether `word` is a valid SigLevel word (pacman refuses the file otherwise). */
export function isSigLevelWord(word: string): boolean {
  const value = word.replace(/^(Package|Database)/, '');
  return (VALUES as readonly string[]).includes(value);
}

interface Bits {
  level: number;
  mask: number;
}

/** process_siglevel: `words` applied in order onto `start`. Unknown words are skipped (the parser refuses them). */
function apply(words: readonly string[], start: Bits): Bits {
  let { level, mask } = start;
  const set = (b: number): void => {
    level |= b;
    mask |= b;
  };
  const unset = (b: number): void => {
    level &= ~b;
    mask |= b;
  };
  for (const word of words) {
    const pkg = !word.startsWith('Database');
    const db = !word.startsWith('Package');
    const value = word.replace(/^(Package|Database)/, '');
    const both = (p: number, d: number, f: (b: number) => void): void => {
      if (pkg) f(p);
      if (db) f(d);
    };
    if (value === 'Never') both(PACKAGE, DATABASE, unset);
    else if (value === 'Optional') both(PACKAGE | PACKAGE_OPTIONAL, DATABASE | DATABASE_OPTIONAL, set);
    else if (value === 'Required') {
      both(PACKAGE, DATABASE, set);
      both(PACKAGE_OPTIONAL, DATABASE_OPTIONAL, unset);
    } else if (value === 'TrustedOnly') both(PACKAGE_MARGINAL_OK | PACKAGE_UNKNOWN_OK, DATABASE_MARGINAL_OK | DATABASE_UNKNOWN_OK, unset);
    else if (value === 'TrustAll') both(PACKAGE_MARGINAL_OK | PACKAGE_UNKNOWN_OK, DATABASE_MARGINAL_OK | DATABASE_UNKNOWN_OK, set);
  }
  return { level, mask };
}

/** How a package file's signature is checked. */
export interface PackageSigLevel {
  /** Signatures are checked at all (false: `PackageNever`). */
  check: boolean;
  /** A missing signature is accepted (`PackageOptional`); a present one must still be good. */
  optional: boolean;
  /** Signatures from keys of marginal trust are accepted (`PackageTrustAll`). */
  marginalOk: boolean;
  /** Signatures from keys of unknown trust are accepted (`PackageTrustAll`). */
  unknownOk: boolean;
}

export interface SigLevelOptions {
  sigLevel: readonly string[];
  localFileSigLevel: readonly string[];
  remoteFileSigLevel: readonly string[];
}

/**
 * The level pacman checks a package file under: `remote` for a file it downloads itself
 * (RemoteFileSigLevel), `local` for a file given by path (LocalFileSigLevel), each falling back to
 * SigLevel bit by bit.
 */
export function packageSigLevel(conf: SigLevelOptions, which: 'remote' | 'local'): PackageSigLevel {
  const base = apply(conf.sigLevel, { level: DEFAULT_SIGLEVEL, mask: 0 }).level;
  const own = apply(which === 'remote' ? conf.remoteFileSigLevel : conf.localFileSigLevel, { level: 0, mask: 0 });
  const level = own.mask !== 0 ? (own.level & own.mask) | (base & ~own.mask) : base;
  return {
    check: (level & PACKAGE) !== 0,
    optional: (level & PACKAGE_OPTIONAL) !== 0,
    marginalOk: (level & PACKAGE_MARGINAL_OK) !== 0,
    unknownOk: (level & PACKAGE_UNKNOWN_OK) !== 0,
  };
}

/** The level in pacman-conf's words: `PackageRequired PackageTrustedOnly`, `PackageNever`. */
export function describeSigLevel(l: PackageSigLevel): string {
  if (!l.check) return 'PackageNever';
  // pacman-conf prints TrustAll only when both trust bits are set; a level can only get one of them
  // without the other through libalpm's API, never through pacman.conf.
  return `${l.optional ? 'PackageOptional' : 'PackageRequired'} ${l.marginalOk && l.unknownOk ? 'PackageTrustAll' : 'PackageTrustedOnly'}`;
}

/** One signature of a detached `.sig` file, as gpg (and so gpgme, under libalpm) reported it. */
export interface SignatureResult {
  /**
   * valid: good signature (GOODSIG), key_expired: good signature by an expired key (EXPKEYSIG),
   * sig_expired (EXPSIG), key_unknown: the key is not in the keyring (ERRSIG … 9), key_disabled,
   * invalid: bad signature (BADSIG), revoked key (REVKEYSIG) or any other error.
   */
  status: 'valid' | 'key_expired' | 'sig_expired' | 'key_unknown' | 'key_disabled' | 'invalid';
  /** The keyring's trust in the key: full (or ultimate), marginal, never, unknown (undefined, or no trust line). */
  validity: 'full' | 'marginal' | 'never' | 'unknown';
  /** Key id or fingerprint, for messages. */
  key: string;
}

/**
 * libalpm's verdict on a package file's signatures under `level` (_alpm_check_pgp_helper):
 * null when accepted, else why not. `results` null means the file has no signature. Every
 * signature must be good — valid (or by an expired key) and trusted enough — not just one.
 */
export function signatureProblem(level: PackageSigLevel, results: readonly SignatureResult[] | null): string | null {
  if (!level.check) return null;
  if (results === null) return level.optional ? null : 'no signature, and one is required';
  if (results.length === 0) return 'no signature found in the signature file';
  for (const r of results) {
    if (r.status === 'key_unknown') return `signed with key ${r.key}, which is not in the pacman keyring`;
    if (r.status === 'key_disabled') return `signed with key ${r.key}, which is disabled in the pacman keyring`;
    if (r.status === 'sig_expired') return `the signature by key ${r.key} has expired`;
    if (r.status === 'invalid') return `bad signature by key ${r.key} (the file is not what was signed)`;
    if (r.validity === 'never') return `signed with key ${r.key}, which the pacman keyring never trusts`;
    if (r.validity === 'marginal' && !level.marginalOk) return `signed with key ${r.key}, which has only marginal trust in the pacman keyring`;
    if (r.validity === 'unknown' && !level.unknownOk) {
      return `signed with key ${r.key}, which is not trusted in the pacman keyring (not locally signed: pacman-key --lsign-key)`;
    }
  }
  return null;
}
