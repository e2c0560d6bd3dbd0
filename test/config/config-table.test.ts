// The one configuration mechanism (src/config/config-table.ts) on a small table of its own: the
// precedence flag > environment > file > default, where each value came from, the rule for
// unknown sections and keys (file:line and the nearest name), booleans, empty values, and that a
// value a stronger source overrides is still checked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConfigSchema,
  type Parser,
  ValueRefused,
  checkValue,
  describeSource,
  loadTable,
  pacsyncEnvName,
  setting,
  settingsReport,
} from '../../src/config/config-table.js';
import { booleanWord } from '../../src/config/config-words.js';
import { readIniFile } from '../../src/config/ini.parser.js';
import { configRefusal } from '../support/config-refusal.js';

const bool: Parser<boolean> = (v) => {
  const b = booleanWord(v);
  if (b === undefined) throw new ValueRefused(`'${v}' is not a boolean`);
  return b;
};
const port: Parser<number> = (v) => {
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new ValueRefused(`'${v}' is not a port`);
  return Number(v);
};
const filePath: Parser<string> = (v, ctx) => path.resolve(ctx.baseDir, v);

const KEYS = {
  server: {
    port: setting(port, '8080', { env: ['PORT'], flag: '--port' }),
    verbose: setting(bool, 'false'),
    data_dir: setting(filePath, './data'),
    token: setting((v) => v, null, { secret: true }),
  },
  web: { title: setting((v) => v, null) },
};
const SCHEMA: ConfigSchema<typeof KEYS> = {
  keys: KEYS,
  envName: pacsyncEnvName,
  refusal: ({ source, problem }) => `${describeSource(source)}: ${problem}`,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pacsync-config-table-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function conf(text: string): string {
  const f = path.join(dir, `test-${++n}.conf`);
  writeFileSync(f, text);
  return f;
}

function load(text: string | null, env: Record<string, string> = {}, flags: Record<string, string> = {}) {
  return loadTable(SCHEMA, { file: text === null ? null : readIniFile(conf(text)), env, flags, cwd: '/work/dir' });
}

describe('loadTable', () => {
  it('takes a flag over PACSYNC_<SECTION>_<KEY> over a short variable over the file over the default, and says where each came from', () => {
    const text = '[server]\nport = 9000\n';
    expect(load(null).values.server.port).toBe(8080);
    expect(load(null).sources['server.port']).toEqual({ kind: 'default' });
    const fromFile = load(text);
    expect(fromFile.values.server.port).toBe(9000);
    expect(fromFile.sources['server.port']).toMatchObject({ kind: 'file', line: 2, section: 'server', key: 'port' });
    expect(load(text, { PORT: '9100' }).values.server.port).toBe(9100);
    const long = load(text, { PORT: '9100', PACSYNC_SERVER_PORT: '9200' });
    expect(long.values.server.port).toBe(9200);
    expect(describeSource(long.sources['server.port'] ?? { kind: 'default' })).toBe('PACSYNC_SERVER_PORT');
    const flag = load(text, { PACSYNC_SERVER_PORT: '9200' }, { '--port': '9300' });
    expect(flag.values.server.port).toBe(9300);
    expect(flag.sources['server.port']).toEqual({ kind: 'flag', name: '--port' });
  });

  it('types a key without a default as nullable and leaves it without a source when unset', () => {
    const { values, sources } = load(null);
    const title: string | null = values.web.title;
    expect(title).toBeNull();
    expect(sources['web.title']).toBeUndefined();
  });

  it('counts an empty value as unset, in the file and the environment alike', () => {
    const { values } = load('[server]\nport =\n[web]\ntitle =\n', { PACSYNC_SERVER_VERBOSE: '' });
    expect(values.server.port).toBe(8080);
    expect(values.web.title).toBeNull();
    expect(values.server.verbose).toBe(false);
  });

  it('reads the shared boolean words, and refuses anything else naming the source', () => {
    for (const word of ['true', 'YES', 'on', '1']) expect(load(null, { PACSYNC_SERVER_VERBOSE: word }).values.server.verbose).toBe(true);
    for (const word of ['false', 'No', 'off', '0']) expect(load(null, { PACSYNC_SERVER_VERBOSE: word }).values.server.verbose).toBe(false);
    const err = configRefusal(() => load(null, { PACSYNC_SERVER_VERBOSE: 'maybe' }));
    expect(err.message).toBe("PACSYNC_SERVER_VERBOSE: 'maybe' is not a boolean");
    expect(err.key).toBe('server.verbose');
    expect(err.exitCode).toBe(2);
  });

  it('names the file and key of a bad value in the file, and checks it even when the environment overrides it', () => {
    const err = configRefusal(() => load('[server]\nverbose = sometimes\n', { PACSYNC_SERVER_VERBOSE: 'yes' }));
    expect(err.message).toMatch(/test-\d+\.conf \[server\] verbose: 'sometimes' is not a boolean$/);
    expect(err.file).toMatch(/test-\d+\.conf$/);
  });

  it('refuses an unknown key naming file:line and the nearest known key', () => {
    const err = configRefusal(() => load('# comment\n[server]\nport = 1\nprot = 2\n'));
    expect(err.message).toMatch(
      /test-\d+\.conf:4: unknown key \[server\] prot \(did you mean port\?; the keys of \[server\] are port, verbose, data_dir, token\)$/,
    );
    expect(err.key).toBe('server.prot');
    // No suggestion when nothing is near; names every object inherits are no keys.
    expect(configRefusal(() => load('[server]\nlisten = 1\n')).message).toMatch(/:2: unknown key \[server\] listen \(the keys of \[server\] are /);
    expect(configRefusal(() => load('[server]\nconstructor = 1\n')).message).toMatch(/unknown key \[server\] constructor/);
  });

  it('never quotes back a line that is no key name: an API key pasted alone on a line is refused without being shown', () => {
    const secret = 'psk_Q2hlY2tUaGlzSXNOb3RBS2V5QXRBbGxfX19fX19fXw';
    const err = configRefusal(() => load(`[server]\nport = 1\n${secret}\n`));
    expect(err.message).toMatch(/:3: unknown key \[server\] \(not shown: it is not a key name; a value pasted without its key =\?\)/);
    expect(`${err.message} ${err.key ?? ''}`).not.toContain(secret.slice(4, 20));
  });

  it('refuses an unknown section naming file:line and the nearest known section', () => {
    expect(configRefusal(() => load('[server]\nport = 1\n\n[Web]\ntitle = x\n')).message).toMatch(
      /:4: unknown section \[Web\] \(did you mean \[web\]\?; the sections are \[server\], \[web\]\)$/,
    );
    expect(configRefusal(() => load('[toString]\n')).message).toMatch(/:1: unknown section \[toString\] \(the sections are \[server\], \[web\]\)$/);
  });

  it("takes a relative path in the file from the file's directory, from the environment from the working directory", () => {
    const f = conf('[server]\ndata_dir = state\n');
    const fromFile = loadTable(SCHEMA, { file: readIniFile(f), env: {}, cwd: '/work/dir' });
    expect(fromFile.values.server.data_dir).toBe(path.join(path.dirname(f), 'state'));
    expect(load(null, { PACSYNC_SERVER_DATA_DIR: 'here' }).values.server.data_dir).toBe('/work/dir/here');
    expect(load(null).values.server.data_dir).toBe('/work/dir/data');
  });

  it('reads only the keys the table names from the environment when it has no envName (pacsync-admin)', () => {
    const own: ConfigSchema<typeof KEYS> = { ...SCHEMA, envName: null };
    expect(loadTable(own, { file: null, env: { PACSYNC_SERVER_PORT: '1', PORT: '2' }, cwd: '/' }).values.server.port).toBe(2);
  });
});

describe('checkValue', () => {
  it("checks a value before a writer writes it, naming it as [section] key; refuses a key the table doesn't know", () => {
    expect(checkValue(SCHEMA, 'server', 'port', '81', '/')).toBe(81);
    expect(configRefusal(() => checkValue(SCHEMA, 'server', 'port', 'eighty', '/')).message).toBe("[server] port: 'eighty' is not a port");
    expect(configRefusal(() => checkValue(SCHEMA, 'server', 'prot', '1', '/')).message).toBe('unknown configuration key [server] prot');
  });
});

describe('settingsReport', () => {
  it('lists every key with its value and where it came from, never a secret', () => {
    const loaded = load('[server]\ntoken = s3cret\n', { PORT: '9000' });
    const rows = settingsReport(SCHEMA, loaded);
    expect(rows).toEqual([
      { section: 'server', key: 'port', value: '9000', source: 'PORT' },
      { section: 'server', key: 'verbose', value: 'false', source: 'default' },
      { section: 'server', key: 'data_dir', value: '/work/dir/data', source: 'default' },
      { section: 'server', key: 'token', value: '(set)', source: expect.stringMatching(/test-\d+\.conf \[server\] token$/) },
      { section: 'web', key: 'title', value: null, source: null },
    ]);
    expect(JSON.stringify(rows)).not.toContain('s3cret');
  });
});
