// Issue #14, item 3: `pacsync-admin` as a program — completions for bash, zsh and fish that know
// every command and option of the program (run in the real shells), `--help` of every command,
// where the server and key come from (and that a key is never taken from argv), what it prints on
// a terminal and into a pipe (server text escaped), and TLS as the agent does it.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionTree, type CompletionNode } from '../../src/admin/completion.js';
import { buildProgram } from '../../src/admin/program.js';
import { admin, ADMIN_CLI, ensureAdminBuilt, json } from '../support/admin-cli.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { startTamperingProxy, type TamperingProxy } from '../support/tampering-proxy.js';
import { missingTools } from '../support/tools.js';
import { selfSignedCertificate } from '../support/certificate.js';

const tree = completionTree(buildProgram());
const words = (n: CompletionNode): string[] => (n.path === '' ? [] : n.path.split(' '));
let dir: string;

beforeAll(() => {
  ensureAdminBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'pacsync-admin-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the command tree', () => {
  it('has every command the issue asks for', () => {
    const paths = tree.map((n) => n.path);
    for (const group of [
      'pools list',
      'pools show',
      'pools create',
      'pools update',
      'pools delete',
      'endpoints list',
      'endpoints show',
      'endpoints move',
      'endpoints approve',
      'endpoints delete',
    ]) {
      expect(paths).toContain(group);
    }
    for (const p of [
      'targets history',
      'targets diff',
      'targets revert',
      'operations list',
      'operations show',
      'operations cancel',
      'sync-all',
      'analysis show',
      'analysis run',
      'events',
      'keys list',
      'keys create',
      'keys revoke',
      'completion',
    ]) {
      expect(paths).toContain(p);
    }
    // Every pool setting of the contract is an option of pools create and update.
    const create = tree.find((n) => n.path === 'pools create')?.options.map((o) => o.flag) ?? [];
    for (const flag of [
      '--auto-sync',
      '--no-auto-sync',
      '--conflict-resolution',
      '--excluded-packages',
      '--excluded-repos',
      '--max-history',
      '--sync-schedule',
      '--remove-extra',
      '--set-latest-by',
    ])
      expect(create).toContain(flag);
  });

  it('--help of every command exits 0 and lists its subcommands', async () => {
    for (const n of tree) {
      const r = await admin([...words(n), '--help']);
      expect(r.code, n.path).toBe(0);
      for (const c of n.commands) expect(r.stdout, `${n.path} --help`).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
    }
  });
});

describe('shell completions list every command and option', () => {
  it('bash', async () => {
    const script = path.join(dir, 'c.bash');
    writeFileSync(script, (await admin(['completion', 'bash'])).stdout);
    // One bash run: for each command path, what completes after it, and after `--`.
    const probe = tree.map((n) => {
      const w = ['pacsync-admin', '--server', 'https://x', ...words(n)];
      return (
        `COMP_WORDS=(${w.map((x) => `'${x}'`).join(' ')} ''); COMP_CWORD=${w.length}; COMPREPLY=(); _pacsync_admin; echo ` +
        `"C ${n.path}|\${COMPREPLY[*]}"; COMP_WORDS[COMP_CWORD]=--; COMPREPLY=(); _pacsync_admin; echo "O ${n.path}|\${COMPREPLY[*]}"`
      );
    });
    const out = execFileSync('bash', ['-c', `source ${script}\n${probe.join('\n')}`], { encoding: 'utf8' });
    for (const n of tree) {
      expect(out, n.path).toContain(`C ${n.path}|${n.commands.map((c) => c.name).join(' ')}\n`);
      const opts =
        out
          .split('\n')
          .find((l) => l.startsWith(`O ${n.path}|`))
          ?.split('|')[1]
          ?.split(' ') ?? [];
      for (const o of n.options.filter((x) => x.flag.startsWith('--'))) expect(opts, `${n.path} ${o.flag}`).toContain(o.flag);
    }
    // An option's choices, after the option.
    const choices = execFileSync(
      'bash',
      ['-c', `source ${script}\nCOMP_WORDS=(pacsync-admin endpoints list --sync-status ''); COMP_CWORD=4; _pacsync_admin; echo "\${COMPREPLY[*]}"`],
      { encoding: 'utf8' },
    );
    expect(choices.trim()).toBe('in_sync behind ahead sync_pending unknown');
  });

  it.skipIf(missingTools('zsh'))('zsh', async () => {
    const script = path.join(dir, '_pacsync-admin');
    writeFileSync(script, (await admin(['completion', 'zsh'])).stdout);
    // compsys's functions stubbed to print what they were given; the script's own logic runs.
    const stubs =
      'compdef() { :; }\n_describe() { local a=$4; print -rl -- "${(@P)a}"; }\ncompadd() { print -rl -- "${(@P)2}"; }\n_files() { print FILES; }';
    const probe = tree.map((n) => {
      const w = ['pacsync-admin', ...words(n)];
      return `words=(${w.map((x) => `'${x}'`).join(' ')} ''); CURRENT=${w.length + 1}; print -r -- "@ ${n.path}"; _pacsync_admin`;
    });
    const out = execFileSync('zsh', ['-fc', `${stubs}\nsource ${script}\n${probe.join('\n')}`], { encoding: 'utf8' });
    const sections = out.split(/^@ /m).slice(1);
    for (const n of tree) {
      const lines =
        sections
          .find((s) => s.split('\n')[0] === n.path)
          ?.split('\n')
          .slice(1)
          .filter(Boolean) ?? [];
      expect(
        lines.map((l) => l.split(':')[0]),
        n.path,
      ).toEqual(n.commands.map((c) => c.name));
    }
    const files = execFileSync(
      'zsh',
      ['-fc', `${stubs}\nsource ${script}\nwords=(pacsync-admin pools list --key-file ''); CURRENT=5; _pacsync_admin`],
      { encoding: 'utf8' },
    );
    expect(files.trim()).toBe('FILES');
  });

  it.skipIf(missingTools('fish'))('fish', async () => {
    const script = path.join(dir, 'c.fish');
    writeFileSync(script, (await admin(['completion', 'fish'])).stdout);
    const probe = tree.map(
      (n) =>
        `echo "@ ${n.path}"; complete -C ${`'pacsync-admin --json ${words(n)
          .map((w) => `${w} `)
          .join('')}'`}`,
    );
    const out = execFileSync('fish', ['-c', `source ${script}\n${probe.join('\n')}`], {
      encoding: 'utf8',
      env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir },
    });
    const sections = out.split(/^@ /m).slice(1);
    for (const n of tree) {
      const got =
        sections
          .find((s) => s.split('\n')[0] === n.path)
          ?.split('\n')
          .slice(1)
          .filter(Boolean)
          .map((l) => l.split('\t')[0]) ?? [];
      expect(got.sort(), n.path).toEqual(n.commands.map((c) => c.name).sort());
    }
    const opts = execFileSync('fish', ['-c', `source ${script}\ncomplete -C 'pacsync-admin keys create --'`], {
      encoding: 'utf8',
      env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir },
    });
    for (const flag of ['--role', '--name', '--pool', '--max-uses', '--server', '--json']) expect(opts).toMatch(new RegExp(`^${flag}\\b`, 'm'));
  });
});

describe('against a server', () => {
  let srv: LiveServer;
  let keyFile: string;
  let tls: TamperingProxy | null = null;
  let caFile = '';

  beforeAll(async () => {
    srv = await startLiveServer('sqlite');
    keyFile = path.join(dir, 'admin-key');
    writeFileSync(keyFile, srv.adminKey, { mode: 0o600 });
  });
  afterAll(async () => {
    await tls?.close();
    await srv?.close();
  });

  it('finds the server and key in flags, the environment or the configuration file; never takes a key from argv', async () => {
    expect((await admin(['pools', 'list'])).code).toBe(2);
    const noKey = await admin(['--server', srv.url, 'pools', 'list']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/no API key given: pass --key-file/);
    const inArgv = await admin(['--server', srv.url, '--key', srv.adminKey, 'pools', 'list']);
    expect(inArgv.code).toBe(2);
    expect(inArgv.stderr).toMatch(/--key is not accepted/);
    expect(inArgv.stdout + inArgv.stderr).not.toContain(srv.adminKey);

    const env = await admin(['pools', 'list', '--json'], { PACSYNC_ADMIN_SERVER: srv.url, PACSYNC_ADMIN_KEY: srv.adminKey });
    expect(json(env).items).toEqual([]);
    expect((await admin(['pools', 'list'], { PACSYNC_ADMIN_SERVER: srv.url, PACSYNC_ADMIN_KEY_FILE: keyFile })).code).toBe(0);

    // ~/.config/pacman-sync/admin.conf: a key_file relative to the file's directory.
    const home = path.join(dir, 'home');
    execFileSync('mkdir', ['-p', path.join(home, '.config/pacman-sync')]);
    const conf = path.join(home, '.config/pacman-sync/admin.conf');
    writeFileSync(path.join(home, '.config/pacman-sync/key'), srv.adminKey, { mode: 0o600 });
    writeFileSync(conf, `[server]\nurl = ${srv.url}\nkey_file = key\n`);
    expect((await admin(['pools', 'list'], { HOME: home })).code).toBe(0);
    // A key in the file itself only when nobody else may read the file.
    writeFileSync(conf, `[server]\nurl = ${srv.url}\napi_key = ${srv.adminKey}\n`);
    chmodSync(conf, 0o644);
    const open = await admin(['pools', 'list'], { HOME: home });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/chmod 600/);
    expect(open.stderr).not.toContain(srv.adminKey);
    chmodSync(conf, 0o600);
    expect((await admin(['pools', 'list'], { HOME: home })).code).toBe(0);
    writeFileSync(conf, `[server]\nurl = ${srv.url}\nkey_flie = key\n`);
    expect((await admin(['pools', 'list'], { HOME: home })).stderr).toMatch(/unknown key \[server\] key_flie/);

    // Plain http to another machine: refused before anything is sent, naming the way out.
    const http = await admin(['--server', 'http://pacsync.lan:8080', '--key-file', keyFile, 'pools', 'list']);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/refusing plain http to pacsync\.lan:8080: the admin key would cross .*--allow-insecure-http/);
    // Usage errors: 2.
    expect((await admin(['pools', 'frobnicate'])).code).toBe(2);
    expect((await admin(['--server', srv.url, '--key-file', keyFile, 'endpoints', 'list', '--status', 'sleeping'])).code).toBe(2);
  });

  it('prints tables on a terminal, tab-separated rows into a pipe, and server text escaped', async () => {
    const hostile = 'lab\u001b]0;owned\u0007\nsync completed';
    await srv.ok('POST', '/pools', { name: 'lab', description: hostile });
    const args = ['--server', srv.url, '--key-file', keyFile];
    const piped = await admin([...args, 'pools', 'list']);
    const pool = (await srv.ok<{ items: { id: string }[] }>('GET', '/pools')).items[0]?.id;
    expect(piped.stdout).toBe(`${pool}\tlab\t0\t-\toff\tmanual\n`);
    const shown = await admin([...args, 'pools', 'show', 'lab']);
    expect(shown.stdout).toContain('description:         lab\\e]0;owned\\x07\\nsync completed\n');
    expect(shown.stdout).not.toContain('\u001b');
    if (missingTools('script') === null) {
      const cmd = [process.execPath, ADMIN_CLI, ...args, 'pools', 'list'].map((a) => `'${a}'`).join(' ');
      // Not execFileSync: the server runs in this very process and must keep answering.
      const { stdout: tty } = await promisify(execFile)('script', ['-qec', cmd, '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, PACSYNC_ADMIN_KEY: '' },
      });
      expect(tty.split(/\r?\n/)[0]).toMatch(/^ID\s+NAME\s+MEMBERS\s+TARGET\s+AUTO SYNC\s+CONFLICTS$/);
      expect(tty).toMatch(new RegExp(`^${pool}\\s+lab\\s+0\\s+-\\s+off\\s+manual`, 'm'));
    }
  });

  it('takes a pool or endpoint by its exact name, not a name containing it', async () => {
    const args = ['--server', srv.url, '--key-file', keyFile];
    const older = await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab-old' });
    await srv.ok('POST', '/pools', { name: 'LAB2' });
    expect(json(await admin([...args, 'pools', 'show', 'lab-old', '--json'])).id).toBe(older.id);
    expect(json(await admin([...args, 'pools', 'show', 'lab', '--json'])).name).toBe('lab');
    expect((await admin([...args, 'pools', 'show', 'la'])).code).toBe(1);
    await srv.ok('DELETE', `/pools/${older.id}`);
  });

  it.skipIf(missingTools('script'))('asks on a terminal before deleting: no keeps it, yes deletes it', async () => {
    const ep = await srv.ok<{ id: string }>('POST', '/endpoints', { name: 'doomed', hostname: 'doomed.lan' });
    const onTerminal = (answer: string): Promise<number | null> =>
      new Promise((resolve) => {
        const cmd = [process.execPath, ADMIN_CLI, '--server', srv.url, '--key-file', keyFile, 'endpoints', 'delete', 'doomed']
          .map((a) => `'${a}'`)
          .join(' ');
        const child = spawn('script', ['-qec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          // Answer once the question is on the screen (readline follows it with cursor moves).
          if (/\[y\/N\] /.test(out) && child.stdin.writable) child.stdin.end(`${answer}\n`);
        });
        child.on('exit', (code) => resolve(code));
      });
    expect(await onTerminal('n')).toBe(1);
    expect((await srv.api('GET', `/endpoints/${ep.id}`)).status).toBe(200);
    expect(await onTerminal('y')).toBe(0);
    expect((await srv.api('GET', `/endpoints/${ep.id}`)).status).toBe(404);
  });

  it.skipIf(missingTools('openssl'))('https: an unknown CA is refused (3); --ca-file makes it trusted', async () => {
    const made = selfSignedCertificate(dir);
    caFile = made.cert;
    const keyPem = made.key;
    tls = await startTamperingProxy(srv.url, { tls: { key: readFileSync(keyPem, 'utf8'), cert: readFileSync(caFile, 'utf8') } });
    const unknown = await admin(['--server', tls.url, '--key-file', keyFile, 'pools', 'list'], { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/TLS error|certificate/i);
    const trusted = await admin(['--server', tls.url, '--key-file', keyFile, '--ca-file', caFile, 'pools', 'list', '--json']);
    expect(json(trusted)).toEqual(await srv.ok('GET', '/pools'));
  });
});
