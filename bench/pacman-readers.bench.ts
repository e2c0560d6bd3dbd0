// Whole-process timings of the agent's pacman readers against pacman itself, on generated
// databases the size of a real Arch machine's: `core` (250 packages) and `extra` (14,000
// packages, zstd-compressed like Arch's) sync databases and a 1,500-package local database
// (installed with their dependencies, as on a real machine; and, for comparison, a random pick).
//   pacsync repo-list     vs  pacman -Sl
//   pacsync query --info  vs  pacman -Qi
//   pacsync query         vs  pacman -Q
// Both outputs are checked identical first. Runs alternate between the two tools so that load
// from elsewhere on the machine hits both. Goal: ours no slower than pacman's, wall clock, Node's
// start-up included. Also prints the in-process parse times and the zstd choice (binary vs fzstd)
// the readers are built on.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { fmt, goal } from './harness.js';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decompress as fzstd } from 'fzstd';
import { listSyncDb, parseSyncDb } from '../src/core/pacman/sync-db.parser.js';
import { readLocalDb } from '../src/agent/pacman/local-db.reader.js';
import { generatePackages, installedSubset, writeLocalDb, writeSyncDb } from '../test/support/pacman-fixtures.js';
import { which } from '../test/support/tools.js';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'dist/src/agent/pacsync.cjs'); // the package's bin, as users run it
const RUNS = 30;
const WARMUP = 3;

interface Timing {
  /** Every measured run's wall clock, ms, in round order. */
  runs: number[];
  /** Median wall clock, ms. */
  wall: number;
  /** Fastest run, ms. */
  min: number;
  /** Mean user+system CPU of the process and its children, ms. */
  cpu: number;
}

/** User+system CPU of this process's waited-for children so far, ms (/proc/self/stat, 100 Hz ticks). */
function childrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime
}

/**
 * Runs the commands in turn, round after round (so that load from elsewhere on this shared
 * machine hits all of them alike), each with its output read through a pipe as `pacman -Qi |
 * less` would have it.
 */
function interleaved(commands: string[][], env: NodeJS.ProcessEnv): Timing[] {
  const walls = commands.map(() => [] as number[]);
  const cpus = commands.map(() => 0);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // Every other round in reverse order, so that neither command always runs first.
    const order = commands.map((_, j) => (i % 2 === 0 ? j : commands.length - 1 - j));
    order.forEach((j) => {
      const c = commands[j] as string[];
      const cpu0 = childrenCpu();
      const t0 = process.hrtime.bigint();
      const r = spawnSync(c[0] as string, c.slice(1), { env, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`${c.join(' ')} exited with ${r.status}`);
      if (i < WARMUP) return;
      walls[j]?.push(wall);
      cpus[j] = (cpus[j] as number) + childrenCpu() - cpu0;
    });
  }
  return walls.map((w, j) => {
    const sorted = [...w].sort((a, b) => a - b);
    return { runs: w, wall: median(w), min: sorted[0] as number, cpu: (cpus[j] as number) / RUNS };
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The median of each round's ours/theirs: the two ran back to back, so a slow spell of this
 * shared machine (they last seconds) weighs on both sides of a ratio alike, where it can shift
 * one side's median more than the other's.
 */
function pairedRatio(ours: Timing, theirs: Timing): number {
  return median(ours.runs.map((t, i) => t / (theirs.runs[i] as number)));
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

export default async function bench(): Promise<void> {
  if (!which('pacman') || !which('zstd')) {
    console.log('pacman or zstd not installed: skipped');
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'pacsync-bench-readers-'));
  try {
    const t0 = Date.now();
    const all = generatePackages(14_250, 7);
    const core = all.filter((_, i) => i % 57 === 0); // 250
    const extra = all.filter((_, i) => i % 57 !== 0); // 14,000
    const dbpath = path.join(dir, 'db');
    await mkdir(path.join(dbpath, 'sync'), { recursive: true });
    await writeSyncDb(path.join(dbpath, 'sync', 'core.db'), core, 1);
    await writeSyncDb(path.join(dbpath, 'sync', 'extra.db'), extra, 2);
    // Installed: 1,500 packages with their dependencies, as on a real machine (~3.5 per package).
    const installed = installedSubset(all, 1500, 7);
    await writeLocalDb(dbpath, installed, { bumpVersions: true });
    // And the same number picked at random, as this bench did before: most of their dependencies
    // are not installed, so they keep ~0.5 each — less for -Qi's "Required By" to scan.
    const sparse = path.join(dir, 'db-sparse');
    await mkdir(sparse);
    await writeLocalDb(sparse, [...core.slice(0, 200), ...extra.filter((_, i) => i % 9 === 0).slice(0, 1300)], { bumpVersions: true });
    const config = path.join(dir, 'pacman.conf');
    await writeFile(
      config,
      `[options]\nDBPath = ${dbpath}\nArchitecture = x86_64\nSigLevel = Never\n\n[core]\nServer ` +
        `= file:///nonexistent\n\n[extra]\nServer = file:///nonexistent\n`,
    );
    console.log(
      `fixtures: core ${core.length} + extra ${extra.length} sync packages, ${installed.length} installed (${Date.now() - t0} ms to write)`,
    );

    const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', PACSYNC_PACMAN_DBPATH: dbpath, PACSYNC_PACMAN_CONFIG_PATH: config, HOME: dir };
    delete env.COLUMNS;
    // A user's machine does not set NODE_EXTRA_CA_CERTS; this sandbox does, and with it every
    // Node process parses the whole CA bundle before running any JavaScript (~40 ms here, shown
    // at the end). So the commands are timed without it.
    const caCerts = env.NODE_EXTRA_CA_CERTS;
    delete env.NODE_EXTRA_CA_CERTS;
    const pacman = ['pacman', '--config', config, '--dbpath', dbpath];
    const sparseEnv = { ...env, PACSYNC_PACMAN_DBPATH: sparse };
    const pairs: Array<[string, string[], string[], NodeJS.ProcessEnv]> = [
      ['repo-list vs -Sl', [process.execPath, CLI, 'repo-list'], [...pacman, '-Sl'], env],
      ['query --info vs -Qi', [process.execPath, CLI, 'query', '--info'], [...pacman, '-Qi'], env],
      ['  (sparse deps)', [process.execPath, CLI, 'query', '--info'], ['pacman', '--config', config, '--dbpath', sparse, '-Qi'], sparseEnv],
      ['query vs -Q', [process.execPath, CLI, 'query'], [...pacman, '-Q'], env],
    ];

    // Same output first: a fast wrong answer does not count.
    for (const [name, ours, theirs, env] of pairs) {
      const [a, b] = await Promise.all([
        exec(ours[0] as string, ours.slice(1), { env, maxBuffer: 1 << 28 }),
        exec(theirs[0] as string, theirs.slice(1), { env, maxBuffer: 1 << 28 }),
      ]);
      const same = a.stdout === b.stdout;
      console.log(`${name}: outputs ${same ? 'identical' : 'DIFFER'} (${b.stdout.split('\n').length - 1} lines)`);
      if (!same) throw new Error(`${name}: pacsync and pacman disagree`);
    }

    for (const [name, ours, theirs, env] of pairs) {
      const [o, p] = interleaved([ours, theirs], env) as [Timing, Timing];
      // `query` (-Q) is printed for scale only: Node's start-up alone exceeds pacman -Q.
      if (!name.startsWith('query vs -Q'))
        goal({
          bench: 'pacman-readers',
          goal: `${name.trim()}: no slower than pacman (wall)`,
          measured: `${ms(o.wall)} vs ${ms(p.wall)}`,
          ratio: `${fmt(pairedRatio(o, p))}×`,
          met: pairedRatio(o, p) <= 1,
        });
      console.log(
        `${name.padEnd(20)} ratio ${pairedRatio(o, p).toFixed(2)}x (median of ${RUNS} paired runs)  pacsync ${ms(o.wall)} ` +
          `(min ${ms(o.min)}, cpu ${ms(o.cpu)})  pacman ${ms(p.wall)} (min ${ms(p.min)}, cpu ${ms(p.cpu)})`,
      );
    }
    const scale = [
      [process.execPath, '-e', '0'],
      [process.execPath, CLI, 'vercmp', '1', '2'],
    ];
    const [bare, vercmp] = interleaved(scale, env) as [Timing, Timing];
    console.log(`for scale: node -e 0 ${ms(bare.wall)}, pacsync vercmp (start-up + commander) ${ms(vercmp.wall)}`);
    if (caCerts !== undefined) {
      const [withCa] = interleaved([scale[0] as string[]], { ...env, NODE_EXTRA_CA_CERTS: caCerts }) as [Timing];
      console.log(`  (node -e 0 with this environment's NODE_EXTRA_CA_CERTS=${caCerts}: ${ms(withCa.wall)})`);
    }

    // In process: where the time goes, and why zstd runs as a binary.
    const zst = await readFile(path.join(dbpath, 'sync', 'extra.db'));
    const best = (f: () => unknown): number => {
      let b = Infinity;
      for (let i = 0; i < 5; i++) {
        const s = process.hrtime.bigint();
        f();
        b = Math.min(b, Number(process.hrtime.bigint() - s) / 1e6);
      }
      return b;
    };
    let tar: Uint8Array = new Uint8Array();
    const binary = best(() => (tar = execFileSync('zstd', ['-dc', path.join(dbpath, 'sync', 'extra.db')], { maxBuffer: 1 << 28 })));
    const inProcess = best(() => fzstd(zst));
    console.log(
      `zstd, 14,000 entries (${(zst.length / 1e6).toFixed(1)} MB → ${(tar.length / 1e6).toFixed(1)} ` +
        `MB): zstd binary ${ms(binary)}, fzstd ${ms(inProcess)} (${(inProcess / binary).toFixed(1)}x)`,
    );
    console.log(
      `parse, in process: listSyncDb ${ms(best(() => listSyncDb(tar, 'extra.db')))}, parseSyncDb ${ms(best(() => parseSyncDb(tar, 'extra.db')))}, ` +
        `readLocalDb(1500) ${ms(best(() => readLocalDb(dbpath, { scriptlets: true })))}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
