// Parsers for the configuration values that are more than a number or a word: sizes with units
// (`[server] max_report_size`), `[server] trust_proxy` and `[security] cors_origins`. config.ts
// turns a refusal into its one-line ConfigError naming the key and the source.
import { isIP } from 'node:net';

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
