// The parsers of the agent's configuration keys (config.ts's table), also used by pacsync-admin
// (src/admin/settings.ts): each turns the text of a value into its typed value or refuses it with
// the words after the source (`'x' is not a URL`); the shared mechanism
// (src/config/config-table.ts) puts the source in front.
import path from 'node:path';
import { type Parser, ValueRefused } from '../config/config-table.js';
import { booleanWord } from '../config/config-words.js';

function refuse(problem: string): never {
  throw new ValueRefused(problem);
}

export const text: Parser<string> = (value) => value;

export const bool: Parser<boolean> = (value) => booleanWord(value) ?? refuse(`'${value}' is not a boolean (true/false)`);

/** Names or globs, comma- or space-separated. */
export const list: Parser<string[]> = (value) => value.split(/[\s,]+/).filter((s) => s !== '');

export const seconds: Parser<number> = (value) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) refuse(`'${value}' is not a positive number of seconds`);
  return n;
};

/** Bytes, or with a binary unit: 1073741824, 512M, 1G, 1GiB (K, M, G, T; case-insensitive). */
export const size: Parser<number> = (value) => {
  const m = /^(\d+)\s*(?:([kmgt])(?:i?b)?|b)?$/i.exec(value);
  const unit = m?.[2] === undefined ? 0 : 'kmgt'.indexOf(m[2].toLowerCase()) + 1;
  const n = m ? Number(m[1]) * 1024 ** unit : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) refuse(`'${value}' is not a size (bytes, or a number with K, M, G or T)`);
  return n;
};

/** The agent runs as root from units and hooks: a relative path would depend on where. */
export const absolutePath: Parser<string> = (value) => {
  if (!path.isAbsolute(value)) refuse(`'${value}' is not an absolute path`);
  return path.normalize(value);
};

function url(protocols: readonly string[], kind: string): Parser<string> {
  return (value) => {
    let u: URL | null;
    try {
      u = new URL(value);
    } catch {
      u = null;
    }
    if (u === null) refuse(`'${value}' is not a URL`);
    if (!protocols.includes(u.protocol)) refuse(`'${value}' is not ${kind} URL`);
    return value.replace(/\/+$/, '');
  };
}

/** The server's base URL, without trailing slashes. */
export const httpUrl = url(['http:', 'https:'], 'an http(s)');

/** An archive: http(s), or file: (a local copy). Refused as an http(s) URL otherwise, as before. */
export const archiveUrl = url(['http:', 'https:', 'file:'], 'an http(s)');
