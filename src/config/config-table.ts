// The one configuration mechanism of the server, the agent and pacsync-admin: each program
// declares a table of its keys — section, key, parser, default, environment variables, flag —
// and loadTable() reads the values from the command line, the environment, an INI file
// (ini.parser.ts) and the defaults, in that order of precedence, remembering where each came
// from. The values' type is derived from the table (ConfigValues), so a program's typed settings
// follow its table without a cast.
//
// The rules, the same for every program:
// - A section or key the table does not know, in the file, is an error naming file:line and the
//   nearest known name: a misspelling must never fall back to a default (another data_dir,
//   another pacman database).
// - An empty value (`key =` or `KEY=`) counts as unset, in the file and the environment alike.
// - Every value given is checked, even one a stronger source overrides: a broken file is reported
//   now, not the day the variable that hides it is removed.
// - A refused value is a ConfigError whose one line names the key and where the value came from
//   (the table's `refusal` words it, as each program always has).
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { nearestName } from './config-words.js';

/**
 * What a configuration key looks like — short, and snake_case or letters only (a misspelt
 * `toString` is still named) — anything else, such as a random token, is not echoed in errors.
 */
const KEY_NAME = /^(?:[a-z][a-z0-9_]{0,31}|[A-Za-z][A-Za-z_.-]{0,31})$/;
import type { IniDocument } from './ini.parser.js';

/** Where a value came from. */
export type Source =
  | { readonly kind: 'flag'; readonly name: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'file'; readonly file: string; readonly line: number; readonly section: string; readonly key: string }
  /** A value given to a writer (the agent's `register`), before it is written into the file. */
  | { readonly kind: 'given'; readonly section: string; readonly key: string }
  | { readonly kind: 'default' };

/** `--port`, `PORT`, `/etc/pacman-sync/server.conf [server] port`, `[server] port` or `default`. */
export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'flag':
    case 'env':
      return source.name;
    case 'file':
      return `${source.file} [${source.section}] ${source.key}`;
    case 'given':
      return `[${source.section}] ${source.key}`;
    case 'default':
      return 'default';
  }
}

/** What a parser knows of the value it reads. */
export interface ValueContext {
  readonly section: string;
  readonly key: string;
  readonly source: Source;
  /** Where a relative path is taken from: the file's directory for a file's value, else the working directory. */
  readonly baseDir: string;
}

/** Thrown by a parser; `problem` is the words after the key, e.g. `must be an integer from 0 to 65535, got "x"`. */
export class ValueRefused extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'ValueRefused';
  }
}

/** Text (trimmed, never empty) → value; throws ValueRefused. */
export type Parser<T> = (text: string, ctx: ValueContext) => T;

export interface KeySpec<T = unknown, D extends string | null = string | null> {
  readonly parse: Parser<T>;
  /** The default as text, parsed like any other value; null: none (the value is null, or the program derives one). */
  readonly default: D;
  /** Environment variables besides the table's own name for the key, weaker than it, in order. */
  readonly env?: readonly string[];
  /** The command-line flag that beats every other source, as the user spells it (`--port`). */
  readonly flag?: string;
  /** Never shown by settingsReport(). */
  readonly secret?: boolean;
}

export type KeyOptions = Pick<KeySpec, 'env' | 'flag' | 'secret'>;

/** One key of a table: its parser, its default (text, or null for none) and where else it may come from. */
export function setting<T>(parse: Parser<T>, dflt: string, options?: KeyOptions): KeySpec<T, string>;
export function setting<T>(parse: Parser<T>, dflt: null, options?: KeyOptions): KeySpec<T, null>;
export function setting<T>(parse: Parser<T>, dflt: string | null, options: KeyOptions = {}): KeySpec<T> {
  return { parse, default: dflt, ...options };
}

export type ConfigTable = { readonly [section: string]: { readonly [key: string]: KeySpec } };

/** A key's value: its parser's type, or null too when it has no default. */
export type ValueOf<S> = S extends KeySpec<infer T, infer D> ? (D extends string ? T : T | null) : never;

/** The values of every key of a table, by section and key as spelled in the file. */
export type ConfigValues<T extends ConfigTable> = { readonly [S in keyof T]: { readonly [K in keyof T[S]]: ValueOf<T[S][K]> } };

export interface ConfigSchema<T extends ConfigTable> {
  readonly keys: T;
  /** The environment variable every key has (pacsyncEnvName), or null when only each key's own `env` is read. */
  readonly envName: ((section: string, key: string) => string) | null;
  /** The one-line message for a refused value. */
  readonly refusal: (refused: { section: string; key: string; source: Source; problem: string }) => string;
}

/** PACSYNC_<SECTION>_<KEY>, e.g. PACSYNC_SERVER_PORT. */
export function pacsyncEnvName(section: string, key: string): string {
  return `PACSYNC_${section}_${key}`.toUpperCase();
}

export interface LoadInput {
  /** The configuration file, read (readIniFile), or null for none. */
  readonly file: IniDocument | null;
  readonly env: NodeJS.ProcessEnv;
  /** Flag values by the flags' names (`--port`); undefined or empty: not given. */
  readonly flags?: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface Loaded<T extends ConfigTable> {
  readonly values: ConfigValues<T>;
  /** Where each value came from, by `section.key`; absent for a key that is not set and has no default. */
  readonly sources: Readonly<Record<string, Source>>;
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Reads every key of `schema` from `input`. Throws ConfigError (see the rules at the top of the file). */
export function loadTable<T extends ConfigTable>(schema: ConfigSchema<T>, input: LoadInput): Loaded<T> {
  if (input.file !== null) checkFileKeys(schema.keys, input.file);
  const values: Record<string, Record<string, unknown>> = {};
  const sources: Record<string, Source> = {};
  for (const [section, keys] of Object.entries(schema.keys)) {
    const out: Record<string, unknown> = (values[section] = {});
    for (const [key, spec] of Object.entries(keys)) {
      const given = candidates(schema, input, section, key, spec);
      const [winner] = given;
      out[key] = winner ? parseValue(schema, spec, section, key, winner.text, winner.source, input.cwd) : null;
      if (winner) sources[`${section}.${key}`] = winner.source;
      for (const other of given.slice(1))
        if (other.source.kind !== 'default') parseValue(schema, spec, section, key, other.text, other.source, input.cwd);
    }
  }
  // The loops above gave every section and key of T its parsed value: the shape ConfigValues<T> names.
  return { values: values as ConfigValues<T>, sources };
}

/** Checks one value for `section key` as loadTable would (a writer's check before it writes). */
export function checkValue<T extends ConfigTable>(schema: ConfigSchema<T>, section: string, key: string, text: string, cwd: string): unknown {
  const spec = has(schema.keys, section) && has(schema.keys[section] ?? {}, key) ? schema.keys[section]?.[key] : undefined;
  if (spec === undefined) throw new ConfigError(`unknown configuration key [${section}] ${key}`, undefined, `${section}.${key}`);
  return text.trim() === '' ? null : parseValue(schema, spec, section, key, text, { kind: 'given', section, key }, cwd);
}

/** The sources that give `section key` a value, strongest first (the default last). */
function candidates(
  schema: ConfigSchema<ConfigTable>,
  input: LoadInput,
  section: string,
  key: string,
  spec: KeySpec,
): { text: string; source: Source }[] {
  const out: { text: string; source: Source }[] = [];
  const flag = spec.flag !== undefined ? input.flags?.[spec.flag] : undefined;
  if (spec.flag !== undefined && flag !== undefined && flag.trim() !== '') out.push({ text: flag, source: { kind: 'flag', name: spec.flag } });
  for (const name of [...(schema.envName ? [schema.envName(section, key)] : []), ...(spec.env ?? [])]) {
    const v = input.env[name];
    if (v !== undefined && v.trim() !== '') out.push({ text: v, source: { kind: 'env', name } });
  }
  const entry = input.file?.sections.get(section)?.entries.get(key);
  if (input.file && entry && entry.value.trim() !== '') {
    out.push({ text: entry.value, source: { kind: 'file', file: input.file.file, line: entry.line, section, key } });
  }
  if (spec.default !== null) out.push({ text: spec.default, source: { kind: 'default' } });
  return out;
}

function parseValue(
  schema: ConfigSchema<ConfigTable>,
  spec: KeySpec,
  section: string,
  key: string,
  text: string,
  source: Source,
  cwd: string,
): unknown {
  const baseDir = source.kind === 'file' ? path.dirname(source.file) : cwd;
  try {
    return spec.parse(text.trim(), { section, key, source, baseDir });
  } catch (err) {
    if (!(err instanceof ValueRefused)) throw err;
    throw new ConfigError(
      schema.refusal({ section, key, source, problem: err.problem }),
      source.kind === 'file' ? source.file : undefined,
      `${section}.${key}`,
    );
  }
}

/** An unknown section or key of the file: ConfigError naming file:line and the nearest known name. */
function checkFileKeys(table: ConfigTable, doc: IniDocument): void {
  const sectionNames = Object.keys(table);
  for (const section of doc.sections.values()) {
    const keys = has(table, section.name) ? table[section.name] : undefined;
    if (keys === undefined) {
      const near = nearestName(section.name, sectionNames);
      throw new ConfigError(
        `${doc.file}:${section.line}: unknown section [${section.name}] ` +
          `(${near !== undefined ? `did you mean [${near}]?; ` : ''}the sections are ${sectionNames.map((s) => `[${s}]`).join(', ')})`,
        doc.file,
        section.name,
      );
    }
    const keyNames = Object.keys(keys);
    for (const entry of section.entries.values()) {
      if (has(keys, entry.key)) continue;
      const near = nearestName(entry.key, keyNames);
      // A line without `=` is read as a bare key, so an API key or URL pasted alone on a line
      // arrives here as a "key": only what looks like a key name is quoted back.
      const shown = KEY_NAME.test(entry.key) ? entry.key : '(not shown: it is not a key name; a value pasted without its key =?)';
      throw new ConfigError(
        `${doc.file}:${entry.line}: unknown key [${section.name}] ${shown} ` +
          `(${near !== undefined ? `did you mean ${near}?; ` : ''}the keys of [${section.name}] are ${keyNames.join(', ')})`,
        doc.file,
        KEY_NAME.test(entry.key) ? `${section.name}.${entry.key}` : section.name,
      );
    }
  }
}

/** Every key with its value as text and where it came from (`config show`-style output); secrets are `(set)`. */
export function settingsReport<T extends ConfigTable>(
  schema: ConfigSchema<T>,
  loaded: Loaded<T>,
): { section: string; key: string; value: string | null; source: string | null }[] {
  const values: Readonly<Record<string, Readonly<Record<string, unknown>>>> = loaded.values;
  const rows: { section: string; key: string; value: string | null; source: string | null }[] = [];
  for (const [section, keys] of Object.entries(schema.keys)) {
    for (const [key, spec] of Object.entries(keys)) {
      const value = values[section]?.[key];
      const source = loaded.sources[`${section}.${key}`];
      const text = value === null || value === undefined ? null : spec.secret ? '(set)' : Array.isArray(value) ? value.join(', ') : String(value);
      rows.push({ section, key, value: text, source: source ? describeSource(source) : null });
    }
  }
  return rows;
}
