// Sets keys in an INI text, keeping every other line — comments, blank lines, order — as it was:
// a key already there is replaced in place, a new key goes at the end of its section (before the
// section's trailing blank lines), a new section at the end of the file. Lines are recognised
// exactly as the reader (ini.parser.ts) recognises them, and values written so that it reads them
// back unchanged.
import { classifyIniLine, quoteIniValue } from './ini.parser.js';

/** `text` (null: no file yet) with `updates` (section → key → value) set. */
export function setIniValues(text: string | null, updates: Readonly<Record<string, Readonly<Record<string, string>>>>): string {
  const lines = text === null ? [] : text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // Keys not written yet, by section.
  const pending = new Map(Object.entries(updates).map(([s, kv]) => [s, new Map(Object.entries(kv))]));
  const out: string[] = [];
  let section: string | null = null;
  const flush = (): void => {
    const rest = section !== null ? pending.get(section) : undefined;
    if (!rest) return;
    let blanks = 0;
    while (out.length > 0 && out[out.length - 1]?.trim() === '') {
      out.pop();
      blanks++;
    }
    for (const [k, v] of rest) out.push(`${k} = ${quoteIniValue(v)}`);
    rest.clear();
    for (let i = 0; i < blanks; i++) out.push('');
  };
  for (const line of lines) {
    const parsed = classifyIniLine(line);
    if (parsed.kind === 'section') {
      flush();
      section = parsed.name;
      out.push(line);
      continue;
    }
    const want = section !== null && parsed.kind === 'entry' ? wanted(updates, section, parsed.key) : undefined;
    if (want !== undefined && section !== null && parsed.kind === 'entry') {
      // Every line of the key is replaced (the reader keeps the last one).
      out.push(`${parsed.key} = ${quoteIniValue(want)}`);
      pending.get(section)?.delete(parsed.key);
    } else {
      out.push(line);
    }
  }
  flush();
  for (const [s, rest] of pending) {
    if (rest.size === 0) continue;
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    out.push(`[${s}]`);
    for (const [k, v] of rest) out.push(`${k} = ${quoteIniValue(v)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The update for `section key`, own properties only (`constructor` is no key of ours). */
function wanted(updates: Readonly<Record<string, Readonly<Record<string, string>>>>, section: string, key: string): string | undefined {
  const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
  const kv = has(updates, section) ? updates[section] : undefined;
  return kv !== undefined && has(kv, key) ? kv[key] : undefined;
}
