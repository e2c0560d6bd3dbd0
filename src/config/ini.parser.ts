// The INI format of every configuration file (server.conf, client.conf, admin.conf), read line by
// line so that a problem names its file and line. Written by hand rather than with the `ini`
// package, which has no line numbers and reads more than this format is: `[a.b]` nests sections,
// `key[]` makes arrays, `true`/`null` become JSON values, and a line it cannot read is skipped.
//
// The format: `[section]` headers (a `;` or `#` comment may follow), `key = value` lines, blank
// lines and `;`/`#` comment lines. A value is trimmed; unquoted, it ends at the first `;` or `#`
// not escaped with a backslash (`\;`, `\#`, `\\`); in double quotes it is a JSON string, in
// single quotes taken as written. A bare `key` is `key = true`, as pacman.conf's flags are. A
// key given twice keeps the last value; a section given twice is one section. Keys and sections
// are case-sensitive. Anything else (a key before any section, an unclosed header) is an error.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

export interface IniEntry {
  readonly key: string;
  /** Unquoted; `true` for a bare key. */
  readonly value: string;
  /** 1-based. */
  readonly line: number;
}

export interface IniSection {
  readonly name: string;
  /** The line of its first header. */
  readonly line: number;
  readonly entries: ReadonlyMap<string, IniEntry>;
}

export interface IniDocument {
  readonly file: string;
  readonly sections: ReadonlyMap<string, IniSection>;
}

/** One line of the format, as the reader and the editor (ini.editor.ts) both see it. */
export type IniLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'section'; readonly name: string }
  | { readonly kind: 'entry'; readonly key: string; readonly value: string }
  | { readonly kind: 'bad' };

const HEADER = /^\s*\[([^\]]*)\]\s*(?:[;#].*)?$/;
const ENTRY = /^\s*([^=\s[;#][^=]*?)\s*=(.*)$/;
const BARE = /^\s*([^=\s[;#][^=]*?)\s*$/;

export function classifyIniLine(line: string): IniLine {
  if (/^\s*(?:[;#].*)?$/.test(line)) return { kind: 'blank' };
  const header = HEADER.exec(line);
  if (header) {
    const name = (header[1] ?? '').trim();
    return name === '' ? { kind: 'bad' } : { kind: 'section', name };
  }
  const entry = ENTRY.exec(line);
  if (entry) return { kind: 'entry', key: entry[1] ?? '', value: unquoteIniValue(entry[2] ?? '') };
  const bare = BARE.exec(line);
  if (bare) return { kind: 'entry', key: bare[1] ?? '', value: 'true' };
  return { kind: 'bad' };
}

type Building = { name: string; line: number; entries: Map<string, IniEntry> };

/** Reads `text` (the contents of `file`, named in errors). Throws ConfigError naming file:line. */
export function parseIni(text: string, file: string): IniDocument {
  const sections = new Map<string, Building>();
  let current: Building | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const parsed = classifyIniLine(lines[i] ?? '');
    if (parsed.kind === 'blank') continue;
    // The line itself is not quoted: it may be a key pasted without its `api_key =` (a bare word
    // is read as a key; config-table.ts quotes it back only when it looks like a key name).
    if (parsed.kind === 'bad') throw new ConfigError(`${file}:${line}: not a [section] header, a key = value line or a comment`, file);
    if (parsed.kind === 'section') {
      current = sections.get(parsed.name) ?? { name: parsed.name, line, entries: new Map() };
      sections.set(parsed.name, current);
    } else if (current === null) {
      throw new ConfigError(`${file}:${line}: key '${parsed.key}' is outside a section`, file, parsed.key);
    } else {
      current.entries.set(parsed.key, { key: parsed.key, value: parsed.value, line });
    }
  }
  return { file, sections };
}

/** Reads and parses a configuration file; ConfigError when it cannot be read. */
export function readIniFile(file: string): IniDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? String(err));
    throw new ConfigError(`cannot read configuration file ${file}: ${why}`, file);
  }
  return parseIni(text, file);
}

/** The value of a `key = value` line from the text after `=`. */
export function unquoteIniValue(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return String(JSON.parse(v));
    } catch {
      return v; // not a JSON string: taken as written, quotes included (as earlier versions did)
    }
  }
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charAt(i);
    if (c === ';' || c === '#') break;
    if (c === '\\' && i + 1 < v.length && '\\;#'.includes(v.charAt(i + 1))) out += v.charAt(++i);
    else out += c;
  }
  return out.trim();
}

/** `value` as the text after `key = `, read back by unquoteIniValue as `value` exactly. */
export function quoteIniValue(value: string): string {
  const plain = value === value.trim() && !/[=;#\\"'\r\n]/.test(value) && !value.startsWith('[');
  return plain ? value : JSON.stringify(value);
}
