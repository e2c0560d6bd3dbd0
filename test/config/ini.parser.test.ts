// The INI format every configuration file is written in (src/config/ini.parser.ts), and the
// editor that sets keys in it (src/config/ini.editor.ts): what the reader takes, what it refuses
// with file:line, and that whatever the editor writes reads back unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { setIniValues } from '../../src/config/ini.editor.js';
import { parseIni, quoteIniValue, readIniFile } from '../../src/config/ini.parser.js';

const F = '/etc/test.conf';

function values(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const section of parseIni(text, F).sections.values()) {
    out[section.name] = Object.fromEntries([...section.entries.values()].map((e) => [e.key, e.value]));
  }
  return out;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pacsync-ini-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseIni', () => {
  it('reads sections, keys, comments and quoting as the files have always been written', () => {
    const text = [
      '\uFEFF; a comment',
      '# another',
      '[server]   # the server',
      '  url = https://x.example:8443/  ',
      'api_key = "k=ey;with#chars"',
      "title = 'as # written'",
      'note = plain ; a comment after it',
      'hashed = value # and one after it',
      'escaped = a\\;b\\#c',
      'flag',
      '',
      '[a.b]',
      'list[] = 1',
      'nothing = null',
      '[server]',
      'url = https://y.example',
    ].join('\r\n');
    expect(values(text)).toEqual({
      server: {
        url: 'https://y.example',
        api_key: 'k=ey;with#chars',
        title: 'as # written',
        note: 'plain',
        hashed: 'value',
        escaped: 'a;b#c',
        flag: 'true',
      },
      // What the `ini` package made nested sections, arrays and JSON values are plain names and text.
      'a.b': { 'list[]': '1', nothing: 'null' },
    });
  });

  it('gives every key its line', () => {
    const server = parseIni('\n[server]\n\nport = 1\n', F).sections.get('server');
    expect(server?.line).toBe(2);
    expect(server?.entries.get('port')?.line).toBe(4);
  });

  it('refuses a key outside a section and a line it cannot read, naming file:line without quoting the line', () => {
    expect(refusal(() => parseIni('orphan = 1\n[server]\n', F))).toBe(`${F}:1: key 'orphan' is outside a section`);
    expect(refusal(() => parseIni('[server]\n[broken\n', F))).toBe(`${F}:2: not a [section] header, a key = value line or a comment`);
    expect(refusal(() => parseIni('[server]\n= psk_secret\n', F))).not.toContain('psk_secret');
    expect(refusal(() => parseIni('[]\n', F))).toMatch(/:1: not a \[section\] header/);
  });

  it('says why a file cannot be read', () => {
    expect(refusal(() => readIniFile(path.join(dir, 'missing.conf')))).toBe(
      `cannot read configuration file ${path.join(dir, 'missing.conf')}: no such file`,
    );
    expect(refusal(() => readIniFile(dir))).toBe(`cannot read configuration file ${dir}: is a directory`);
  });
});

describe('quoteIniValue and setIniValues', () => {
  it.each(['plain', 'k=ey;with#chars', ' padded ', 'C:\\dir\\;x', '"quoted"', "it's", '[bracket', 'a#b', ''])('%j reads back as itself', (value) => {
    expect(values(`[s]\nk = ${quoteIniValue(value)}\n`).s?.k ?? '').toBe(value);
  });

  it('replaces a key in place (every line of it), adds new keys at the end of their section and new sections at the end, keeping the rest', () => {
    const before = '# mine\n[server]   # main\n; url here\nurl = http://old\nurl = http://older\ntimeout = 10\n\n[pacman]\nroot = /\n';
    const after = setIniValues(before, { server: { url: 'http://new', api_key: 'k;1' }, client: { endpoint_name: 'e' } });
    expect(after).toBe(
      '# mine\n[server]   # main\n; url here\nurl = http://new\nurl = http://new\ntimeout ' +
        '= 10\napi_key = "k;1"\n\n[pacman]\nroot = /\n\n[client]\nendpoint_name = e\n',
    );
    expect(values(after)).toEqual({
      server: { url: 'http://new', timeout: '10', api_key: 'k;1' },
      pacman: { root: '/' },
      client: { endpoint_name: 'e' },
    });
    expect(setIniValues(null, { server: { url: 'u' } })).toBe('[server]\nurl = u\n');
  });
});
