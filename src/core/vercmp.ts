// Package version comparison with exactly libalpm's semantics (`alpm_pkg_vercmp`, pacman 6):
// a version is split into [epoch:]pkgver[-pkgrel] like libalpm's parseEVR, then epoch, pkgver
// and (only when both sides have one) pkgrel are compared with rpmvercmp.
//
// This runs for every package of every state report and every drift computation, so it walks
// char codes over index ranges of the original strings: no regex, no substrings, no allocation.
// libalpm works on C strings (UTF-8 bytes, C locale): only ASCII letters and digits form segments,
// every other byte is a separator, and separator runs are compared by their length in BYTES —
// hence the UTF-8 byte counting below. (A JS string containing NUL has no C equivalent; it is
// compared as if NUL were an ordinary separator.)

/** A comparison result as `vercmp` prints it. */
export type VercmpResult = -1 | 0 | 1;

/** Dependency comparison operators (libalpm's alpm_depmod_t, without "any"). */
export type VersionOperator = '<' | '<=' | '=' | '>=' | '>';

/** `0x30`–`0x39` */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letters only: libalpm runs under the C locale (and UTF-8 bytes are never alpha). */
function isAlpha(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

/** 1 for a digit, 2 for an ASCII letter, 0 for a separator. */
function classOf(c: number): number {
  return isDigit(c) ? 1 : isAlpha(c) ? 2 : 0;
}

/**
 * Bytes the UTF-16 unit at `s[i]` (value `c`, non-ASCII) occupies in UTF-8, as Node encodes it
 * when the string is handed to a C program. A surrogate pair counts 4 bytes in total (2 + 2);
 * a lone surrogate becomes U+FFFD (3 bytes).
 */
function utf8Bytes(s: string, i: number, end: number, c: number): number {
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = i + 1 < end ? s.charCodeAt(i + 1) : 0;
    return n >= 0xdc00 && n <= 0xdfff ? 2 : 3;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = i > 0 ? s.charCodeAt(i - 1) : 0;
    return p >= 0xd800 && p <= 0xdbff ? 2 : 3;
  }
  return 3;
}

/**
 * rpmvercmp as libalpm implements it, over `a[as, ae)` and `b[bs, be)`: alternating runs of
 * digits and letters; runs of anything else separate them, and a longer separator run wins;
 * numbers compare numerically (leading zeros dropped, any length); a number beats letters;
 * when one side runs out, a remaining letter run loses (`1.0a` < `1.0`), anything else wins.
 */
function rpmvercmp(a: string, as: number, ae: number, b: string, bs: number, be: number): VercmpResult {
  // Shortcut, not in libalpm: identical text compares segment by segment as equal, so skip the
  // common prefix and resume where libalpm's loop would stand at the last segment end inside it
  // (one = ptr1 and two = ptr2 at the same offset). Versions of one package usually differ late.
  const la = ae - as;
  const lb = be - bs;
  const max = la < lb ? la : lb;
  let p = 0;
  while (p < max && a.charCodeAt(as + p) === b.charCodeAt(bs + p)) p++;
  if (p === la && p === lb) return 0;
  let q = p - 1;
  if (q > 0) {
    // A segment ends at q when a[q - 1] is a letter or digit and a[q] is not of its kind; q < p,
    // so a[q] = b[q] and the segment ends there in both.
    let next = classOf(a.charCodeAt(as + q));
    for (; q > 0; q--) {
      const prev = classOf(a.charCodeAt(as + q - 1));
      if (prev !== 0 && prev !== next) break;
      next = prev;
    }
  } else {
    q = 0;
  }
  let i = as + q; // libalpm's `one`
  let j = bs + q; // `two`
  while (i < ae && j < be) {
    // Skip separators, counting their UTF-8 length (libalpm compares pointer differences).
    let sa = 0;
    let c = a.charCodeAt(i);
    while (!(isDigit(c) || isAlpha(c))) {
      sa += c < 0x80 ? 1 : utf8Bytes(a, i, ae, c);
      if (++i === ae) break;
      c = a.charCodeAt(i);
    }
    let sb = 0;
    let d = b.charCodeAt(j);
    while (!(isDigit(d) || isAlpha(d))) {
      sb += d < 0x80 ? 1 : utf8Bytes(b, j, be, d);
      if (++j === be) break;
      d = b.charCodeAt(j);
    }
    if (i === ae || j === be) break;
    if (sa !== sb) return sa < sb ? -1 : 1;

    // The segment's type is decided by `a`; `b`'s segment is the same kind of run.
    let pi = i + 1; // libalpm's `ptr1`: end of the segment
    let pj = j; // `ptr2`
    if (isDigit(c)) {
      while (pi < ae && isDigit(a.charCodeAt(pi))) pi++;
      while (pj < be && isDigit(b.charCodeAt(pj))) pj++;
      if (pj === j) return 1; // number against letters: the number is newer
      while (i < pi && a.charCodeAt(i) === 48) i++;
      while (j < pj && b.charCodeAt(j) === 48) j++;
      const la = pi - i;
      const lb = pj - j;
      if (la !== lb) return la > lb ? 1 : -1;
      for (; i < pi; i++, j++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        if (x !== y) return x < y ? -1 : 1;
      }
    } else {
      while (pi < ae && isAlpha(a.charCodeAt(pi))) pi++;
      while (pj < be && isAlpha(b.charCodeAt(pj))) pj++;
      if (pj === j) return -1; // letters against a number
      for (; i < pi && j < pj; i++, j++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        if (x !== y) return x < y ? -1 : 1;
      }
      if (i < pi) return 1; // strcmp: the longer run is greater
      if (j < pj) return -1;
    }
    i = pi;
    j = pj;
  }
  if (i >= ae && j >= be) return 0;
  // libalpm's "final showdown": a remaining letter run never beats an empty string.
  if ((i >= ae && !isAlpha(b.charCodeAt(j))) || (i < ae && isAlpha(a.charCodeAt(i)))) return -1;
  return 1;
}

const DEFAULT_EPOCH = '0';

/**
 * Compares two pacman versions `[epoch:]pkgver[-pkgrel]` exactly like libalpm's
 * `alpm_pkg_vercmp` (and pacman's `vercmp` tool): -1 when `a` is older, 1 when newer, 0 when
 * equal. A missing pkgrel on either side compares equal to any pkgrel (`1.0` = `1.0-5`);
 * a missing epoch is `0`.
 */
export function vercmp(a: string, b: string): VercmpResult {
  // Kept tiny so the JIT inlines it: identical versions (most comparisons in drift) cost no call.
  return a === b ? 0 : compareDistinct(a, b);
}

function compareDistinct(a: string, b: string): VercmpResult {
  // parseEVR(a): leading digits followed by ':' are the epoch; the last '-' starts the pkgrel.
  const la = a.length;
  let s = 0;
  while (s < la && isDigit(a.charCodeAt(s))) s++;
  const aHasEpoch = s < la && a.charCodeAt(s) === 58;
  const aVer = aHasEpoch ? s + 1 : 0;
  let aVerEnd = la - 1; // the last '-' (a hand loop: lastIndexOf is a slow runtime call here)
  while (aVerEnd >= aVer && a.charCodeAt(aVerEnd) !== 45) aVerEnd--;
  if (aVerEnd < aVer) aVerEnd = la;
  const aEpochEnd = aHasEpoch ? s : 0;

  const lb = b.length;
  let t = 0;
  while (t < lb && isDigit(b.charCodeAt(t))) t++;
  const bHasEpoch = t < lb && b.charCodeAt(t) === 58;
  const bVer = bHasEpoch ? t + 1 : 0;
  let bVerEnd = lb - 1;
  while (bVerEnd >= bVer && b.charCodeAt(bVerEnd) !== 45) bVerEnd--;
  if (bVerEnd < bVer) bVerEnd = lb;
  const bEpochEnd = bHasEpoch ? t : 0;

  // An empty or absent epoch is "0".
  if (aEpochEnd > 0 || bEpochEnd > 0) {
    const r =
      aEpochEnd > 0
        ? bEpochEnd > 0
          ? rpmvercmp(a, 0, aEpochEnd, b, 0, bEpochEnd)
          : rpmvercmp(a, 0, aEpochEnd, DEFAULT_EPOCH, 0, 1)
        : rpmvercmp(DEFAULT_EPOCH, 0, 1, b, 0, bEpochEnd);
    if (r !== 0) return r;
  }
  const r = rpmvercmp(a, aVer, aVerEnd, b, bVer, bVerEnd);
  if (r !== 0 || aVerEnd === la || bVerEnd === lb) return r;
  return rpmvercmp(a, aVerEnd + 1, la, b, bVerEnd + 1, lb);
}

/** Alias of {@link vercmp}, usable as an `Array.prototype.sort` comparator. */
export const compareVersions = vercmp;

/**
 * Whether `version` satisfies `op required`, as libalpm's dependency check does (`dep_vercmp`):
 * a plain vercmp, so a requirement without pkgrel (`=2.0`) accepts every pkgrel (`2.0-3`), and
 * one with a pkgrel (`=2.0-1`) only that release. Without an operator anything satisfies.
 */
export function satisfies(version: string, op: VersionOperator | undefined, required?: string): boolean {
  if (op === undefined || required === undefined) return true;
  const c = vercmp(version, required);
  switch (op) {
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    default:
      return true;
  }
}
