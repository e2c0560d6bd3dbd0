// A small fleet for end-to-end tests of the agent CLI: one repository `core` in two snapshots (an
// old mirror and today's), machines built from either in sandbox roots with the real pacman, and
// an agent configuration file per machine. A machine set up from the old mirror is then pointed at
// today's mirror (its sync database stays stale until the agent refreshes it), like a machine that
// has not been updated for a while.
//
//   const fleet = await buildFleet();
//   const A = await fleet.machine('a', { mirror: 'new', install: ['curl', 'kernel'] });
//   const confA = await fleet.agentConfig(A);      // then: pacsync --config confA register …
//   await fleet.cleanup();
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  backdate,
  buildRepo,
  createSandbox,
  installPackages,
  syncDatabases,
  type PackageSpec,
  type Repo,
  type Sandbox,
  type SandboxOptions,
} from './pacman-sandbox.js';
import type { LiveServer } from './live-server.js';

const exec = promisify(execFile);

export const OLD_PACKAGES: PackageSpec[] = [
  { name: 'glibc', version: '2.38-1' },
  { name: 'zlib', version: '1:1.3-1' },
  { name: 'openssl', version: '3.1-1', depends: ['glibc'] },
  { name: 'curl', version: '8.5-1', depends: ['openssl', 'zlib'] },
  { name: 'kernel', version: '6.1-1' },
  { name: 'fonts', version: '1.0-1', arch: 'any' },
  { name: 'extra-tool', version: '1.0-1', depends: ['helper-lib'] },
  { name: 'helper-lib', version: '1.0-1' },
];

export const NEW_PACKAGES: PackageSpec[] = [
  { name: 'glibc', version: '2.39-1' },
  { name: 'zlib', version: '1:1.3.1-1' },
  { name: 'openssl', version: '3.2-1', depends: ['glibc>=2.39'] },
  { name: 'curl', version: '8.6-1', depends: ['openssl>=3.2', 'zlib>=1:1.3.1'] },
  { name: 'kernel', version: '6.2-1' },
  { name: 'fonts', version: '1.1-1', arch: 'any' },
  { name: 'editor', version: '2.0-1', arch: 'any', depends: ['glibc'] },
  { name: 'tool-x', version: '1.0-1' },
];

/** Names whose files are the same in both snapshots (unchanged upstream). */
const UNCHANGED = ['extra-tool', 'helper-lib'];

export interface MachineOptions extends Omit<SandboxOptions, 'repos' | 'dir'> {
  /** The mirror the packages are installed from. */
  from: 'old' | 'new';
  install: string[];
}

export interface Fleet {
  work: string;
  repoOld: Repo;
  repoNew: Repo;
  /** A sandbox whose mirror is today's after installing from `from`. */
  machine(name: string, opts: MachineOptions): Promise<Sandbox>;
  /**
   * Writes `<sandbox dir>/client.conf` pointing the agent at the sandbox (and, with `server`, at a
   * registered endpoint); `extra` lines go into [pacman]. Returns its path.
   */
  agentConfig(
    sb: Sandbox,
    opts?: { server?: { url: string; key: string; endpointId: string; name?: string }; pacman?: string[]; file?: string },
  ): Promise<string>;
  /**
   * Registers machine `name` in `poolId` through the API and writes its agent configuration
   * (`pacman` lines go into [pacman]): its config file, endpoint id and key.
   */
  enrol(srv: LiveServer, sb: Sandbox, name: string, poolId: string, pacman?: string[]): Promise<{ conf: string; id: string; key: string }>;
  cleanup(): Promise<void>;
}

export async function buildFleet(): Promise<Fleet> {
  const work = await mkdtemp(path.join(tmpdir(), 'pacsync-fleet-'));
  const repoOld = await buildRepo({ dir: path.join(work, 'repo-old'), name: 'core', packages: OLD_PACKAGES });
  const repoNew = await buildRepo({ dir: path.join(work, 'repo-new'), name: 'core', packages: NEW_PACKAGES });
  const same = repoOld.packages.filter((p) => UNCHANGED.includes(p.spec.name));
  for (const p of same) await copyFile(p.path, path.join(repoNew.dir, p.filename));
  await exec('repo-add', ['-q', repoNew.dbFile, ...same.map((p) => path.join(repoNew.dir, p.filename))]);
  // The old snapshot is an hour older: `pacman -Sy` compares database times (to the second), and
  // both were just written.
  await backdate(repoOld, 3600);

  const fleet: Fleet = {
    work,
    repoOld,
    repoNew,
    async machine(name, opts) {
      const dir = path.join(work, name);
      await mkdir(dir);
      const mirror = path.join(dir, 'mirror');
      await symlink(opts.from === 'old' ? repoOld.dir : repoNew.dir, mirror);
      const { from: _from, install, ...sandboxOpts } = opts;
      const sb = await createSandbox({ ...sandboxOpts, dir, repos: [{ ...repoNew, server: `file://${mirror}` }] });
      await syncDatabases(sb);
      if (install.length > 0) await installPackages(sb, install);
      if (opts.from === 'old') {
        await rm(mirror);
        await symlink(repoNew.dir, mirror);
      }
      return sb;
    },
    async agentConfig(sb, opts = {}) {
      const file = opts.file ?? path.join(sb.dir, 'client.conf');
      const srv = opts.server;
      const lines = [
        '# pacsync agent, test machine',
        '[server]',
        'timeout = 10',
        ...(srv
          ? [
              `url = ${srv.url}`,
              `api_key = ${srv.key}`,
              '',
              '[client]',
              `endpoint_id = ${srv.endpointId}`,
              ...(srv.name ? [`endpoint_name = ${srv.name}`] : []),
            ]
          : []),
        '',
        '[pacman]',
        ...[
          'command = pacman',
          `root = ${sb.root}`,
          `dbpath = ${sb.dbpath}`,
          `config_path = ${sb.config}`,
          `cache_dir = ${sb.cachedir}`,
          'use_sudo = false',
        ].filter((l) => !(opts.pacman ?? []).some((o) => o.split('=')[0]?.trim() === l.split('=')[0]?.trim())),
        ...(opts.pacman ?? []),
        '',
        '[daemon]',
        'watch_interval = 0.2',
        'poll_interval = 0.3',
        'heartbeat_interval = 1',
        'max_backoff = 1',
      ];
      await writeFile(file, `${lines.join('\n')}\n`);
      return file;
    },
    async enrol(srv, sb, name, poolId, pacman = []) {
      const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name, hostname: `${name}.lan`, pool_id: poolId });
      const conf = await fleet.agentConfig(sb, { server: { url: srv.url, key: ep.api_key, endpointId: ep.id, name }, pacman });
      return { conf, id: ep.id, key: ep.api_key };
    },
    cleanup: () => rm(work, { recursive: true, force: true }),
  };
  return fleet;
}

/** `pacman -Q` text with some lines replaced: name → "name version" (or null to drop it). */
export function withLines(q: string, changes: Record<string, string | null>): string {
  const map = new Map(
    q
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => [l.split(' ')[0] as string, l]),
  );
  for (const [name, line] of Object.entries(changes)) {
    if (line === null) map.delete(name);
    else map.set(name, line);
  }
  return `${[...map.keys()]
    .sort()
    .map((k) => map.get(k))
    .join('\n')}\n`;
}
