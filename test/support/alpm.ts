// The real libalpm as a reference implementation for tests and benches. A small C harness
// (alpm-vercmp.c beside this file) is compiled once (and cached) against -lalpm, so thousands of
// comparisons cost one process spawn instead of one /usr/bin/vercmp each. Where no C compiler or
// alpm.h is available the vercmp answers fall back to spawning /usr/bin/vercmp per pair (slow:
// callers should compare fewer pairs); under CI the harness must build (.ci/run installs gcc and
// libalpm-dev), so a missing one fails the run instead.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { which } from './tools.js';

const SOURCE = fileURLToPath(new URL('./alpm-vercmp.c', import.meta.url));
const ALPM_HEADER = '/usr/include/alpm.h';
const ARCHIVE_HEADER = '/usr/include/archive.h';
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/pacsync', import.meta.url));

let built: { binary: string | null; reason: string | null } | undefined;

/**
 * Path of the compiled harness, or null (with a warning) when it cannot be built here.
 * Under CI=true a harness that cannot be built throws. The binary is cached under
 * node_modules/.cache keyed by the source's hash, so test workers and benches share one build
 * and nothing is left in the temp directory.
 */
export function alpmHarness(): string | null {
  if (built) return built.binary;
  let reason: string | null = null;
  if (which('cc') === null) reason = 'cc not installed (apt-get install gcc)';
  else if (!existsSync(ALPM_HEADER)) reason = `${ALPM_HEADER} missing (apt-get install libalpm-dev)`;
  let binary: string | null = null;
  if (reason === null) {
    const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 16);
    const out = path.join(CACHE, `alpm-vercmp-${hash}`);
    if (existsSync(out)) {
      binary = out;
    } else {
      const work = path.join(CACHE, `build-${process.pid}-${Date.now()}`);
      mkdirSync(work, { recursive: true });
      const args = ['-O2', '-o', path.join(work, 'alpm-vercmp'), SOURCE, '-lalpm'];
      if (!existsSync(ARCHIVE_HEADER)) {
        // Debian's libalpm-dev does not pull in libarchive-dev although alpm.h includes its
        // headers; alpm.h only names `struct archive` pointers, so empty stand-ins suffice.
        writeFileSync(path.join(work, 'archive.h'), '');
        writeFileSync(path.join(work, 'archive_entry.h'), '');
        args.unshift('-I', work);
      }
      try {
        execFileSync('cc', args, { stdio: ['ignore', 'ignore', 'pipe'] });
        renameSync(path.join(work, 'alpm-vercmp'), out); // atomic: concurrent workers may race
        binary = out;
      } catch (e) {
        const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim() ?? String(e);
        reason = `cannot build the libalpm harness: ${stderr.split('\n')[0]}`;
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
  }
  if (reason !== null) {
    if (process.env.CI === 'true') throw new Error(`CI requires the libalpm harness: ${reason}`);
    console.warn(`libalpm harness unavailable, falling back to /usr/bin/vercmp per pair: ${reason}`);
  }
  built = { binary, reason };
  return binary;
}

function encode(strings: readonly string[]): Buffer {
  for (const s of strings) {
    if (s.includes('\0')) throw new Error(`a C string cannot hold NUL: ${JSON.stringify(s)}`);
  }
  return Buffer.from(strings.length === 0 ? '' : `${strings.join('\0')}\0`, 'utf8');
}

function runHarness(binary: string, args: string[], strings: readonly string[]): string {
  return execFileSync(binary, args, { input: encode(strings), maxBuffer: 1 << 30, encoding: 'utf8' });
}

export type Pair = readonly [string, string];

/** How the reference answers: the in-process-loop harness, or one /usr/bin/vercmp per pair. */
export function alpmReferenceKind(): 'harness' | 'vercmp' {
  return alpmHarness() !== null ? 'harness' : 'vercmp';
}

/** libalpm's `alpm_pkg_vercmp` sign (-1, 0, 1) for every pair. */
export function alpmVercmp(pairs: readonly Pair[]): number[] {
  const binary = alpmHarness();
  if (binary !== null) {
    const out = runHarness(binary, [], pairs.flat()).split('\n');
    out.pop();
    if (out.length !== pairs.length) throw new Error(`harness answered ${out.length} of ${pairs.length} pairs`);
    return out.map(Number);
  }
  return pairs.map(([a, b]) => vercmpTool(a, b));
}

function isHelp(s: string): boolean {
  return s === '-h' || s === '--help';
}

/** One call of the real `vercmp` tool (pacman's), its printed result as a sign. */
export function vercmpTool(a: string, b: string): number {
  // The tool takes a first argument of -h/--help as a request for help; the comparison is
  // antisymmetric, so ask the other way round.
  if (isHelp(a) && !isHelp(b)) return -vercmpTool(b, a);
  const out = execFileSync('vercmp', [a, b], { encoding: 'utf8' }).trim();
  return Math.sign(Number(out));
}

/** libalpm's own time per `alpm_pkg_vercmp` call over `pairs`, looped `rounds` times in C. */
export function alpmBench(binary: string, pairs: readonly Pair[], rounds: number): number {
  const [ns] = runHarness(binary, ['--bench', String(rounds)], pairs.flat())
    .trim()
    .split(' ');
  return Number(ns);
}

export interface AlpmDependency {
  mod: 'any' | 'eq' | 'ge' | 'le' | 'gt' | 'lt';
  name: string;
  version: string | null;
  desc: string | null;
  /** alpm_dep_compute_string of the parsed dependency. */
  computed: string;
}

/** `alpm_dep_from_string` for every string (harness only; strings must not hold tabs or newlines). */
export function alpmParseDependencies(binary: string, strings: readonly string[]): AlpmDependency[] {
  const lines = runHarness(binary, ['--dep'], strings).split('\n');
  lines.pop();
  return lines.map((line) => {
    const [mod, name, version, desc, computed] = line.split('\t') as [AlpmDependency['mod'], string, string, string, string];
    return {
      mod,
      name,
      version: version.startsWith('+') ? version.slice(1) : null,
      desc: desc.startsWith('+') ? desc.slice(1) : null,
      computed,
    };
  });
}
