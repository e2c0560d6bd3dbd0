// Where pacsync-admin finds its server, key and transport (src/admin/settings.ts): flag >
// environment > admin.conf, the key's own order (--key-file, PACSYNC_ADMIN_KEY,
// PACSYNC_ADMIN_KEY_FILE, [server] key_file, [server] api_key), paths in the file taken from its
// directory, and the shared rules for a bad value or an unknown key — without a server.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionSettings } from '../../src/admin/settings.js';
import { configRefusal } from '../support/config-refusal.js';

let dir: string;
let conf: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pacsync-admin-settings-'));
  mkdirSync(path.join(dir, 'etc'));
  conf = path.join(dir, 'etc', 'admin.conf');
  const keys: [string, string][] = [
    ['etc/file-key', 'from-key-file'],
    ['flag-key', 'from-flag-file'],
    ['env-key', 'from-env-file'],
  ];
  for (const [name, key] of keys) writeFileSync(path.join(dir, name), `${key}\n`, { mode: 0o600 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(text: string): void {
  writeFileSync(conf, text);
  chmodSync(conf, 0o600);
}

describe('connectionSettings', () => {
  it('takes the key from --key-file, then PACSYNC_ADMIN_KEY, then PACSYNC_ADMIN_KEY_FILE, then key_file, then api_key', () => {
    write('[server]\nurl = https://s.example\nkey_file = file-key\napi_key = inline\n');
    const key = (opts: { keyFile?: string }, env: Record<string, string> = {}): string =>
      connectionSettings({ config: conf, ...opts }, { ...env, HOME: dir }).apiKey;
    const envs = { PACSYNC_ADMIN_KEY: 'from-env', PACSYNC_ADMIN_KEY_FILE: path.join(dir, 'env-key') };
    expect(key({ keyFile: path.join(dir, 'flag-key') }, envs)).toBe('from-flag-file');
    expect(key({}, envs)).toBe('from-env');
    expect(key({}, { PACSYNC_ADMIN_KEY_FILE: path.join(dir, 'env-key') })).toBe('from-env-file');
    // key_file relative to the file's directory, before api_key.
    expect(key({})).toBe('from-key-file');
    write('[server]\nurl = https://s.example\napi_key = inline\n');
    expect(key({})).toBe('inline');
  });

  it('takes the server, timeout and transport from a flag, then the environment, then the file', () => {
    write('[server]\nurl = https://file.example\napi_key = k\ntimeout = 12\nallow_insecure_http = yes\nca_file = ca.pem\n');
    const fromFile = connectionSettings({ config: conf }, {});
    expect(fromFile).toMatchObject({ url: 'https://file.example', timeoutMs: 12_000 });
    expect(fromFile.transport).toMatchObject({ allowInsecureHttp: true, caFile: path.join(dir, 'etc', 'ca.pem') });
    const fromEnv = connectionSettings(
      { config: conf },
      { PACSYNC_ADMIN_SERVER: 'https://env.example', PACSYNC_ADMIN_TIMEOUT: '2.5', PACSYNC_ADMIN_CA_FILE: 'env.pem' },
    );
    expect(fromEnv).toMatchObject({ url: 'https://env.example', timeoutMs: 2500, transport: { caFile: 'env.pem' } });
    expect(
      connectionSettings({ config: conf, server: 'https://flag.example', timeout: '1' }, { PACSYNC_ADMIN_SERVER: 'https://env.example' }),
    ).toMatchObject({
      url: 'https://flag.example',
      timeoutMs: 1000,
    });
  });

  it('names the source of a bad value, and the line and nearest key of an unknown one', () => {
    write('[server]\nurl = https://s.example\napi_key = k\n');
    expect(configRefusal(() => connectionSettings({ config: conf }, { PACSYNC_ADMIN_ALLOW_INSECURE_HTTP: 'perhaps' })).message).toBe(
      "PACSYNC_ADMIN_ALLOW_INSECURE_HTTP: 'perhaps' is not a boolean (true/false)",
    );
    expect(configRefusal(() => connectionSettings({ config: conf, timeout: '0' }, {})).message).toBe(
      "--timeout: '0' is not a number of seconds from 0 to 3600",
    );
    write('[server]\nurl = https://s.example\n\nkey_flie = key\n');
    expect(configRefusal(() => connectionSettings({ config: conf }, {})).message).toBe(
      `${conf}:4: unknown key [server] key_flie (did you mean key_file?; the keys of ` +
        `[server] are url, key_file, api_key, ca_file, allow_insecure_http, timeout)`,
    );
    write('[client]\nurl = https://s.example\n');
    expect(configRefusal(() => connectionSettings({ config: conf }, {})).message).toBe(
      `${conf}:1: unknown section [client] (the sections are [server])`,
    );
  });

  it('refuses a key in a file others may read, without quoting it', () => {
    write('[server]\nurl = https://s.example\napi_key = psk_secret\n');
    chmodSync(conf, 0o644);
    const err = configRefusal(() => connectionSettings({ config: conf }, {}));
    expect(err.message).toMatch(/holds \[server\] api_key but other users may read it \(mode 644\): chmod 600 it/);
    expect(err.message).not.toContain('psk_secret');
  });
});
