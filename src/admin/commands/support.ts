// What every admin command shares: its API client and output mode from the global options, and
// the parsers of option values (a bad value is a usage error, exit 2, before anything is sent).
import { type Command, InvalidArgumentError } from 'commander';
import { isValidExclusionPattern, isValidPackageName, isUuid } from '../../core/names.js';
import { AdminApi } from '../admin-api.js';
import { modeOf, type Mode } from '../output.js';
import { connectionSettings, type GlobalOptions } from '../settings.js';

export { action } from '../../agent/errors.js';

export interface Run {
  api: AdminApi;
  mode: Mode;
  globals: GlobalOptions;
}

/** The API client and output mode of the command being run. */
export function runOf(cmd: Command): Run {
  const globals = cmd.optsWithGlobals<GlobalOptions>();
  return { api: new AdminApi(connectionSettings(globals)), mode: modeOf(globals.json), globals };
}

/** `--limit N` and friends: a whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max)
      throw new InvalidArgumentError(`'${value}' is not a whole number from ${min} to ${max}`);
    return Number(value);
  };
}

/** A UUID argument (state, operation and key ids have no names). */
export function uuid(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError(`'${value}' is not an id (a UUID)`);
  return value;
}

/** `a,b c` → ['a','b','c'] (package names, or names and globs). */
export function nameList(globs: boolean): (value: string) => string[] {
  return (value) => {
    const names = value.split(/[\s,]+/).filter((s) => s !== '');
    for (const n of names) {
      if (!(globs ? isValidExclusionPattern(n) : isValidPackageName(n)))
        throw new InvalidArgumentError(`'${n}' is not a package name${globs ? ' or pattern' : ''}`);
    }
    return [...new Set(names)];
  };
}

/** An instant: ISO-8601, or a time ago as `30m`, `12h`, `7d`. */
export function instant(value: string, now: Date = new Date()): string {
  const ago = /^(\d{1,6})([smhd])$/.exec(value);
  if (ago) {
    const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[ago[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(ago[1]) * unit * 1000).toISOString();
  }
  const t = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t.getTime()))
    throw new InvalidArgumentError(`'${value}' is not an ISO-8601 time or a time ago (30m, 12h, 7d)`);
  return t.toISOString();
}

/** Paging options of every list. */
export function addPaging(cmd: Command): Command {
  return cmd
    .option('--limit <n>', 'how many (1-1000; default 50)', wholeNumber(1, 1000))
    .option('--offset <n>', 'skip this many (paging)', wholeNumber(0, 1_000_000_000));
}

export interface PagingOptions {
  limit?: number;
  offset?: number;
}

export function paging(o: PagingOptions): PagingOptions {
  return { ...(o.limit !== undefined ? { limit: o.limit } : {}), ...(o.offset !== undefined ? { offset: o.offset } : {}) };
}
