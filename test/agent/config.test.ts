// The agent configuration (README "Agent (`pacsync`)"): which file is read, environment overrides and their
// precedence, defaults, validation errors that name the key and its source, and writing keys back
// (comments kept, mode 0600).
import { mkdir, mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, writeConfigValues } from '../../src/agent/config.js';
import { ConfigError, EXIT } from '../../src/agent/errors.js';

let dir: string;
let home: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pacsync-config-'));
  home = path.join(dir, 'home');
  await mkdir(home);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, text: string): Promise<string> => {
  const f = path.join(dir, name);
  await writeFile(f, text);
  return f;
};

const configError = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(EXIT.CONFIG);
    return e as ConfigError;
  }
  throw new Error('no ConfigError thrown');
};

describe('loadConfig', () => {
  test('no file anywhere: the documented defaults', () => {
    const c = loadConfig({ home, env: {} });
    expect(c.file).toBeNull();
    expect(c.server).toEqual({ url: null, apiKey: null, timeout: 30, allowInsecureHttp: false, caFile: null });
    expect(c.client.poolId).toBeNull();
    expect(c.client.exclude).toEqual([]);
    expect(c.client.endpointName.length).toBeGreaterThan(0);
    expect(c.pacman).toMatchObject({
      command: 'pacman',
      root: '/',
      dbpath: '/var/lib/pacman',
      configPath: '/etc/pacman.conf',
      cacheDir: '/var/cache/pacman/pkg',
      archiveUrl: null,
    });
    expect(c.pacman.useSudo).toBe(process.getuid?.() !== 0);
  });

  test('~/.config/pacman-sync/client.conf is found; every key is read', async () => {
    await mkdir(path.join(home, '.config', 'pacman-sync'), { recursive: true });
    const f = path.join(home, '.config', 'pacman-sync', 'client.conf');
    await writeFile(
      f,
      `; agent configuration\n[server]\nurl = https://sync.example.org:8443/\napi_key = "k=ey;with#chars"\ntimeout = ` +
        `12.5\nallow_insecure_http = yes\nca_file = /etc/pacman-sync/ca.pem\n\n[client]\nendpoint_name = lab-01\npool_id = ` +
        `7f9c\nexclude = linux*, nvidia  firefox\n\n[pacman]\ncommand = /usr/bin/pacman\nroot = /mnt/sysroot\nconfig_path = ` +
        `/mnt/sysroot/etc/pacman.conf\ncache_dir = /srv/cache\narchive_url = https://archive.example.org\nuse_sudo = no\n`,
    );
    const c = loadConfig({ home, env: {} });
    expect(c.file).toBe(f);
    expect(c.writeTarget).toBe(f);
    expect(c.server).toEqual({
      url: 'https://sync.example.org:8443',
      apiKey: 'k=ey;with#chars',
      timeout: 12.5,
      allowInsecureHttp: true,
      caFile: '/etc/pacman-sync/ca.pem',
    });
    expect(c.client).toMatchObject({ endpointName: 'lab-01', poolId: '7f9c', exclude: ['linux*', 'nvidia', 'firefox'] });
    expect(c.pacman).toMatchObject({
      command: '/usr/bin/pacman',
      root: '/mnt/sysroot',
      dbpath: '/mnt/sysroot/var/lib/pacman', // follows root, as pacman's --root does
      configPath: '/mnt/sysroot/etc/pacman.conf',
      cacheDir: '/srv/cache',
      archiveUrl: 'https://archive.example.org',
      useSudo: false,
    });
    await rm(path.join(home, '.config'), { recursive: true });
  });

  test('--config beats PACSYNC_CONFIG; PACSYNC_<SECTION>_<KEY> beats the short forms, which beat the file', async () => {
    const a = await file('a.conf', '[server]\nurl = http://from-file\napi_key = file-key\n[pacman]\nroot = /from/file\n');
    const b = await file('b.conf', '[server]\nurl = http://from-b\n');
    expect(loadConfig({ configFlag: a, env: { PACSYNC_CONFIG: b }, home }).file).toBe(a);
    expect(loadConfig({ env: { PACSYNC_CONFIG: b }, home }).file).toBe(b);
    const env = { PACSYNC_CONFIG: a, PACSYNC_SERVER: 'http://short', PACSYNC_API_KEY: 'short-key', PACSYNC_PACMAN_ROOT: '/from/env' };
    expect(loadConfig({ env, home })).toMatchObject({
      server: { url: 'http://short', apiKey: 'short-key' },
      pacman: { root: '/from/env', dbpath: '/from/env/var/lib/pacman' },
    });
    const specific = loadConfig({ env: { ...env, PACSYNC_SERVER_URL: 'http://specific', PACSYNC_SERVER_API_KEY: 'specific-key' }, home });
    expect(specific.server).toMatchObject({ url: 'http://specific', apiKey: 'specific-key' });
    const all = loadConfig({
      env: {
        PACSYNC_SERVER_TIMEOUT: '5',
        PACSYNC_CLIENT_ENDPOINT_NAME: 'e1',
        PACSYNC_CLIENT_POOL_ID: 'p1',
        PACSYNC_CLIENT_EXCLUDE: 'a,b',
        PACSYNC_PACMAN_COMMAND: 'mypacman',
        PACSYNC_PACMAN_DBPATH: '/db',
        PACSYNC_PACMAN_CONFIG_PATH: '/c.conf',
        PACSYNC_PACMAN_CACHE_DIR: '/cache',
        PACSYNC_PACMAN_ARCHIVE_URL: 'http://127.0.0.1:9/archive/',
        PACSYNC_PACMAN_USE_SUDO: 'true',
      },
      home,
    });
    expect(all.server.timeout).toBe(5);
    expect(all.client).toMatchObject({ endpointName: 'e1', poolId: 'p1', exclude: ['a', 'b'] });
    expect(all.pacman).toMatchObject({
      command: 'mypacman',
      dbpath: '/db',
      configPath: '/c.conf',
      cacheDir: '/cache',
      archiveUrl: 'http://127.0.0.1:9/archive',
      useSudo: true,
    });
  });

  test('a file named explicitly must exist (except for writers)', () => {
    const missing = path.join(dir, 'missing.conf');
    expect(configError(() => loadConfig({ configFlag: missing, env: {}, home })).message).toBe(`configuration file ${missing} not found`);
    const c = loadConfig({ configFlag: missing, env: {}, home, allowMissing: true });
    expect(c.file).toBeNull();
    expect(c.writeTarget).toBe(missing);
  });

  test.each([
    ['[server]\nurl = ftp://x\n', "[server] url: 'ftp://x' is not an http(s) URL"],
    ['[server]\nurl = not a url\n', "[server] url: 'not a url' is not a URL"],
    ['[server]\ntimeout = -3\n', "[server] timeout: '-3' is not a positive number of seconds"],
    ['[pacman]\nuse_sudo = maybe\n', "[pacman] use_sudo: 'maybe' is not a boolean (true/false)"],
    ['[pacman]\nroot = relative/dir\n', "[pacman] root: 'relative/dir' is not an absolute path"],
    ['[pacman]\ndb_path = /x\n', ':2: unknown key [pacman] db_path (did you mean dbpath?; the keys of [pacman] are command, root, dbpath,'],
    ['orphan = 1\n[server]\n', ":1: key 'orphan' is outside a section"],
    // A misspelled section used to be skipped, and the agent read the host's /var/lib/pacman.
    ['[pacmn]\ndbpath = /srv/db\n', 'unknown section [pacmn] (did you mean [pacman]?; the sections are [server], [client], [daemon], [pacman])'],
    ['[Server]\nurl = https://x\n', 'unknown section [Server] (did you mean [server]?'],
    ['[logging]\nlevel = debug\n', 'unknown section [logging] (the sections are [server], [client], [daemon], [pacman])'],
  ])('%j → ConfigError naming the key', async (text, message) => {
    const f = await file(`bad-${Math.random()}.conf`, text);
    const err = configError(() => loadConfig({ configFlag: f, env: {}, home }));
    expect(err.message).toContain(f);
    expect(err.message).toContain(message);
    expect(err.message).not.toContain('\n');
  });

  test('a bad environment value names the variable', () => {
    expect(configError(() => loadConfig({ env: { PACSYNC_SERVER_TIMEOUT: 'soon' }, home })).message).toBe(
      "PACSYNC_SERVER_TIMEOUT: 'soon' is not a positive number of seconds",
    );
    expect(configError(() => loadConfig({ env: { PACSYNC_SERVER: 'localhost:8080' }, home })).message).toBe(
      "PACSYNC_SERVER: 'localhost:8080' is not an http(s) URL",
    );
  });
});

describe('[pacman] max_download_size', () => {
  test('1 GiB by default; bytes or K/M/G/T units, from the file or the environment; anything else names the key', async () => {
    expect(loadConfig({ home, env: {} }).pacman.maxDownloadSize).toBe(2 ** 30);
    const f = await file('size.conf', '[pacman]\nmax_download_size = 512M\n');
    expect(loadConfig({ configFlag: f, env: {}, home }).pacman.maxDownloadSize).toBe(512 * 2 ** 20);
    for (const [v, n] of [
      ['2GiB', 2 * 2 ** 30],
      ['1048576', 2 ** 20],
      ['64k', 64 * 1024],
      ['1 T', 2 ** 40],
    ] as const) {
      expect(loadConfig({ configFlag: f, env: { PACSYNC_PACMAN_MAX_DOWNLOAD_SIZE: v }, home }).pacman.maxDownloadSize).toBe(n);
    }
    for (const v of ['0', 'lots', '1.5G', '-1M']) {
      expect(configError(() => loadConfig({ env: { PACSYNC_PACMAN_MAX_DOWNLOAD_SIZE: v }, home })).message).toBe(
        `PACSYNC_PACMAN_MAX_DOWNLOAD_SIZE: '${v}' is not a size (bytes, or a number with K, M, G or T)`,
      );
    }
  });
});

describe('writeConfigValues', () => {
  test('creates the file (and its directory) with mode 0600', async () => {
    const f = path.join(dir, 'new', 'sub', 'client.conf');
    writeConfigValues(f, { server: { url: 'https://s.example', api_key: 'secret=key;1' }, client: { endpoint_name: 'host-1' } });
    expect((await stat(f)).mode & 0o777).toBe(0o600);
    const c = loadConfig({ configFlag: f, env: {}, home });
    expect(c.server).toMatchObject({ url: 'https://s.example', apiKey: 'secret=key;1' });
    expect(c.client.endpointName).toBe('host-1');
  });

  test('updates keys in place, keeps comments and other keys, adds missing sections, tightens the mode', async () => {
    const f = await file('existing.conf', '# my agent\n[server]\n; the server\nurl = http://old\ntimeout = 10\n\n[pacman]\nroot = /\n');
    await chmod(f, 0o644);
    writeConfigValues(f, { server: { url: 'http://new', api_key: 'k1' }, client: { endpoint_name: 'e' } });
    expect(await readFile(f, 'utf8')).toBe(
      '# my agent\n[server]\n; the server\nurl = http://new\ntimeout = 10\napi_key = k1\n\n[pacman]\nroot = /\n\n[client]\nendpoint_name = e\n',
    );
    expect((await stat(f)).mode & 0o777).toBe(0o600);
  });

  test('refuses values loadConfig would refuse, leaving the file untouched', async () => {
    const f = await file('keep.conf', '[server]\nurl = http://keep\n');
    expect(configError(() => writeConfigValues(f, { server: { url: 'nope' } })).message).toContain("'nope' is not a URL");
    expect(configError(() => writeConfigValues(f, { server: { apikey: 'x' } })).message).toContain('unknown configuration key [server] apikey');
    expect(await readFile(f, 'utf8')).toBe('[server]\nurl = http://keep\n');
  });
});
