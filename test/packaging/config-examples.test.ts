// The example configurations the packages install (packaging/config/server.conf, client.conf)
// document every key the code knows, each with its real default: the list of keys comes from the
// loaders' own tables (src/server/config.ts CONFIG_KEYS, src/agent/config.ts CONFIG_KEYS, read by src/config/config-table.ts), so a
// key added to the code without a line in its example fails here, naming the line to add.
//
// Convention of the examples: `#key = value` is a key left at its default and shows that default;
// `#key =` is a key without a fixed default (its comment says what applies); `key = value` is
// set. Checked: every known key has its line in its section; the file as shipped loads with the
// real loader; with every `#key = value` line uncommented it still loads (no unknown key, every
// value valid) and each of those keys has the same value as when it is commented out.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONFIG_KEYS as AGENT_TABLE, loadConfig as loadAgentConfig } from '../../src/agent/config.js';
import { CONFIG_KEYS as SERVER_TABLE, loadConfig as loadServerConfig } from '../../src/server/config.js';
import type { ConfigTable } from '../../src/config/config-table.js';
import { ROOT } from '../support/agent-cli.js';

interface KeyLine {
  section: string;
  key: string;
  value: string;
  commented: boolean;
  line: number;
}

/** The key lines of an example: `key = v` and `#key = v` (a `# text` line is prose). */
function keyLines(text: string): KeyLine[] {
  const out: KeyLine[] = [];
  let section = '';
  text.split('\n').forEach((l, i) => {
    const header = /^\[([^\]]+)\]\s*$/.exec(l);
    if (header) section = header[1] as string;
    const m = /^(#?)([a-z][a-z0-9_]*)[ \t]*=[ \t]*(.*)$/.exec(l);
    if (m) out.push({ section, key: m[2] as string, value: (m[3] as string).trim(), commented: m[1] === '#', line: i + 1 });
  });
  return out;
}

/** The example with every `#key = value` line (a default shown) made a setting. */
function uncommented(text: string): string {
  return text.replace(/^#([a-z][a-z0-9_]*[ \t]*=[ \t]*\S.*)$/gm, '$1');
}

const SERVER_KEYS: ConfigTable = SERVER_TABLE;
const AGENT_KEYS: ConfigTable = AGENT_TABLE;

const camel = (key: string): string => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pacsync-examples-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Keys of `known` without a line in the example, as `[section] key` (what the lead must add). */
function missingKeys(known: Record<string, Record<string, unknown>>, lines: KeyLine[]): string[] {
  const missing: string[] = [];
  for (const [section, keys] of Object.entries(known)) {
    for (const key of Object.keys(keys)) if (!lines.some((l) => l.section === section && l.key === key)) missing.push(`[${section}] ${key}`);
  }
  return missing;
}

describe('packaging/config/server.conf', () => {
  const example = path.join(ROOT, 'packaging/config/server.conf');
  const load = (file: string) => loadServerConfig({ flags: { config: file }, env: {}, cwd: dir });

  test('has a line for every key of src/server/config.ts, in its section, and none the code does not know', async () => {
    const lines = keyLines(await readFile(example, 'utf8'));
    expect(missingKeys(SERVER_KEYS, lines), 'keys to add to packaging/config/server.conf').toEqual([]);
    const unknown = lines
      .filter((l) => !Object.prototype.hasOwnProperty.call(SERVER_KEYS[l.section] ?? {}, l.key))
      .map((l) => `line ${l.line}: [${l.section}] ${l.key}`);
    expect(unknown).toEqual([]);
  });

  test('loads as shipped, and every default it shows is the default the server uses', async () => {
    const text = await readFile(example, 'utf8');
    const shipped = load(example);
    expect(shipped.warnings).toEqual([]);
    const all = path.join(dir, 'server-uncommented.conf');
    await writeFile(all, uncommented(text));
    const withDefaults = load(all);
    const shown = keyLines(text).filter((l) => l.commented && l.value !== '');
    expect(shown.length).toBeGreaterThan(10);
    for (const l of shown) {
      const section = l.section as keyof typeof shipped;
      const actual = (withDefaults[section] as unknown as Record<string, unknown>)[l.key];
      const dflt = (shipped[section] as unknown as Record<string, unknown>)[l.key];
      expect(actual, `[${l.section}] ${l.key} (line ${l.line}) shows ${l.value}`).toEqual(dflt);
    }
  });

  test('sets the packaged service data directory, the only one the unit lets it write', async () => {
    const unit = await readFile(path.join(ROOT, 'packaging/systemd/pacsync-server.service'), 'utf8');
    const dataDir = load(example).server.data_dir;
    expect(unit).toContain(`ReadWritePaths=${dataDir}\n`);
    expect(unit).toContain(`WorkingDirectory=${dataDir}\n`);
  });
});

describe('packaging/config/client.conf', () => {
  const example = path.join(ROOT, 'packaging/config/client.conf');
  const load = (file: string) => loadAgentConfig({ configFlag: file, env: {}, home: dir });

  test('has a line for every key of src/agent/config.ts, in its section, and none the code does not know', async () => {
    const lines = keyLines(await readFile(example, 'utf8'));
    expect(missingKeys(AGENT_KEYS, lines), 'keys to add to packaging/config/client.conf').toEqual([]);
    const unknown = lines
      .filter((l) => !Object.prototype.hasOwnProperty.call(AGENT_KEYS[l.section] ?? {}, l.key))
      .map((l) => `line ${l.line}: [${l.section}] ${l.key}`);
    expect(unknown).toEqual([]);
  });

  test('loads as shipped, and every default it shows is the default the agent uses', async () => {
    const text = await readFile(example, 'utf8');
    const shipped = load(example);
    const all = path.join(dir, 'client-uncommented.conf');
    await writeFile(all, uncommented(text));
    const withDefaults = load(all);
    const shown = keyLines(text).filter((l) => l.commented && l.value !== '');
    expect(shown.length).toBeGreaterThan(8);
    for (const l of shown) {
      const section = l.section as keyof typeof shipped;
      const field = camel(l.key);
      const values = shipped[section] as unknown as Record<string, unknown>;
      expect(Object.prototype.hasOwnProperty.call(values, field), `AgentConfig.${l.section}.${field} for [${l.section}] ${l.key}`).toBe(true);
      expect(
        (withDefaults[section] as unknown as Record<string, unknown>)[field],
        `[${l.section}] ${l.key} (line ${l.line}) shows ${l.value}`,
      ).toEqual(values[field]);
    }
  });
});
