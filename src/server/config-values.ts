// The parsers of the server's configuration keys (config.ts's table): each turns the text of a
// value into its typed value or refuses it with the words after the key (`must be an integer from
// 0 to 65535, got "x"`); the shared mechanism (src/config/config-table.ts) adds the key and the
// source. Sizes with units, `[server] trust_proxy` and `[security] cors_origins` have their own
// readers below.
import { isIP } from 'node:net';
import path from 'node:path';
import { Cron } from 'croner';
import { type Parser, ValueRefused } from '../config/config-table.js';
import { FALSE_WORDS, TRUE_WORDS, booleanWord } from '../config/config-words.js';

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** proxy-addr's named ranges, accepted in trust_proxy lists. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(s: string): boolean {
  if (PROXY_RANGES.has(s)) return true;
  const [address, bits, ...rest] = s.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (/^\d{1,3}$/.test(bits)) return Number(bits) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(bits) === 4; // a netmask, e.g. 10.0.0.0/255.0.0.0
}

/** 8388608 → "8 MiB" (for messages naming a limit). */
export function formatSize(bytes: number): string {
  for (const [unit, n] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const)
    if (bytes > 0 && bytes % n === 0) return `${bytes / n} ${unit}`;
  return `${bytes} bytes`;
}

/** `8388608`, `512KiB`, `8 MiB`, `16M` → bytes; null when it is not a size. */
export function parseSize(value: string): number | null {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(value);
  const unit = m ? SIZE_UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  return m && unit !== undefined ? Number(m[1]) * unit : null;
}

export type TrustProxy = boolean | number | string[];

/** false / true / a hop count (1–100) / proxy addresses and CIDRs; `bad` names what is wrong. */
export function parseTrustProxy(value: string, truthy: ReadonlySet<string>, falsy: ReadonlySet<string>): { value: TrustProxy } | { bad: string } {
  const lower = value.toLowerCase();
  if (value === '' || falsy.has(lower)) return { value: false };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 100 ? { value: hops } : { bad: value };
  }
  if (truthy.has(lower)) return { value: true };
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const wrong = list.find((s) => !isProxyAddress(s));
  return wrong === undefined ? { value: list } : { bad: wrong };
}

/** Origins (scheme, host, port; lower-cased, without a trailing slash) or `*`. */
export function parseOrigins(value: string): { value: string[] } | { bad: string } {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out: string[] = [];
  for (const origin of list) {
    if (origin === '*') {
      out.push(origin);
      continue;
    }
    const normal = origin.replace(/\/$/, '').toLowerCase();
    let url: URL | null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== normal) return { bad: origin };
    out.push(normal);
  }
  return { value: out };
}

function refuse(expected: string, shown: string): never {
  throw new ValueRefused(`must be ${expected}, got "${shown}"`);
}

export const text: Parser<string> = (value) => value;

/** A path, absolute: a relative one is taken from the file's directory (a file's value) or the working directory. */
export const absolutePath: Parser<string> = (value, ctx) => path.resolve(ctx.baseDir, value);

export const bool: Parser<boolean> = (value) => booleanWord(value) ?? refuse('a boolean (true/false, yes/no, on/off, 1/0)', value);

export function int(min: number, max: number): Parser<number> {
  return (value) => {
    const n = Number(value);
    if (!/^[+-]?\d+$/.test(value) || n < min || n > max) refuse(`an integer from ${min} to ${max}`, value);
    return n;
  };
}

/** Bytes, or with a unit (`8388608`, `512KiB`, `8 MiB`, `16M`). */
export function size(min: number, max: number): Parser<number> {
  return (value) => {
    const n = parseSize(value);
    if (n === null || n < min || n > max) refuse(`a size in bytes from ${formatSize(min)} to ${formatSize(max)} (e.g. 8388608, 512KiB, 8MiB)`, value);
    return n;
  };
}

export function oneOf<const V extends string>(values: readonly V[]): Parser<V> {
  return (value) => values.find((v) => v === value.toLowerCase()) ?? refuse(`one of ${values.join(', ')}`, value);
}

export const trustProxy: Parser<TrustProxy> = (value) => {
  const setting = parseTrustProxy(value, TRUE_WORDS, FALSE_WORDS);
  if ('bad' in setting)
    refuse('false, true, a hop count, or a comma-separated list of proxy addresses/CIDRs (or loopback, linklocal, uniquelocal)', setting.bad);
  return setting.value;
};

export const origins: Parser<readonly string[]> = (value) => {
  const list = parseOrigins(value);
  if ('bad' in list)
    refuse('a comma-separated list of origins like https://admin.example.org or http://localhost:3000 (scheme, host and port only), or *', list.bad);
  return list.value;
};

/** Five fields, or six with seconds first; read in UTC by the scheduler (croner). */
export const cron: Parser<string> = (value) => {
  const fields = value.split(/\s+/).length;
  if (fields < 5 || fields > 6) refuse('a cron expression of 5 fields (or 6, seconds first)', value);
  try {
    new Cron(value, { paused: true, timezone: 'UTC' }).nextRun();
  } catch (err) {
    refuse(`a valid cron expression (${(err as Error).message})`, value);
  }
  return value;
};
