// pacman's configuration as pacman itself sees it: from `pacman-conf --config FILE` when that
// tool is installed (it applies pacman's own parser, defaults and Include handling), otherwise
// from core's parser with Include files (and globs) read here.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { machine } from 'node:os';
import path from 'node:path';
import { PacmanFormatError } from '../../core/errors.js';
import { parsePacmanConf, type IncludedFile, type PacmanConf } from '../../core/pacman/pacman-conf.parser.js';

export interface LoadPacmanConfOptions {
  /** The pacman-conf binary; null to use the built-in parser only. Default 'pacman-conf'. */
  pacmanConf?: string | null;
  /** How long pacman-conf may take (default PACMAN_CONF_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * pacman-conf answers in milliseconds; one still running after this is blocked reading an Include
 * that never ends (`Include = /proc/self/fd/*` names its own output pipe), and is stopped.
 */
export const PACMAN_CONF_TIMEOUT_MS = 10_000;

/** Runs pacman-conf; null when it is not installed. */
function runPacmanConf(cmd: string, configPath: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, ['--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') resolve(null);
      else reject(new PacmanFormatError(configPath, `cannot run pacman-conf (${e.code ?? e.message})`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new PacmanFormatError(configPath, `pacman-conf did not finish within ${timeoutMs / 1000} s (does an Include name a pipe or a device?)`),
        );
        return;
      }
      if (code === 0) return resolve(out);
      const line = err.split('\n').find((l) => l.startsWith('error:')) ?? err.split('\n')[0] ?? `pacman-conf exited with ${code}`;
      reject(new PacmanFormatError(configPath, line.replace(/^error:\s*/, '').trim()));
    });
  });
}

/**
 * An Include target's text. Only regular files (and /dev/null, which reads as empty, as for
 * pacman): reading a pipe, socket or device synchronously would block the agent for good, so
 * `Include = /proc/self/fd/*` or a FIFO is refused instead.
 */
function readConfigFile(file: string, from: string): string {
  try {
    const st = statSync(file);
    if (!st.isFile() && !st.isDirectory()) {
      if (st.isCharacterDevice() && st.rdev === statSync('/dev/null').rdev) return '';
      throw new PacmanFormatError(from, `config file ${file} could not be read: not a regular file`);
    }
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof PacmanFormatError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new PacmanFormatError(
      from,
      `config file ${file} could not be read: ${code === 'ENOENT' ? 'No such file or directory' : (code ?? String(err))}`,
    );
  }
}

type Matcher = (pattern: string) => (name: string) => boolean;

/**
 * glob(3) for an Include value: wildcards in any component, matches sorted, none is an error (as
 * in pacman 6.0). `matcher` is picomatch (loaded by the caller, only when needed).
 */
export function expandInclude(pattern: string, from: string, matcher: Matcher): IncludedFile[] {
  if (!/[*?[]/.test(pattern)) return [{ file: pattern, text: readConfigFile(pattern, from) }];
  const abs = path.resolve(pattern);
  const parts = abs.split('/').filter((p) => p !== '');
  let dirs = ['/'];
  for (const part of parts) {
    const next: string[] = [];
    for (const d of dirs) {
      if (!/[*?[]/.test(part)) {
        next.push(path.join(d, part));
        continue;
      }
      const match = matcher(part);
      let names: string[] = [];
      try {
        names = readdirSync(d).sort();
      } catch {
        names = [];
      }
      for (const n of names) if (match(n)) next.push(path.join(d, n));
    }
    dirs = next;
  }
  const files = dirs.filter((f) => existsSync(f));
  if (files.length === 0) throw new PacmanFormatError(from, `config file ${pattern} could not be read: No such file or directory`);
  return files.map((f) => ({ file: f, text: readConfigFile(f, from) }));
}

/** Parses `configPath` with core's parser (the fallback when pacman-conf is absent). */
export async function parsePacmanConfFile(configPath: string): Promise<PacmanConf> {
  const text = readConfigFile(configPath, configPath);
  const { default: picomatch } = await import('picomatch');
  const matcher: Matcher = (p) => picomatch(p, { dot: false });
  return parsePacmanConf(text, configPath, { arch: machine(), include: (p, from) => expandInclude(p, from, matcher) });
}

/** pacman's configuration: via pacman-conf when installed, else the built-in parser. */
export async function loadPacmanConf(configPath: string, opts: LoadPacmanConfOptions = {}): Promise<PacmanConf> {
  const cmd = opts.pacmanConf === undefined ? 'pacman-conf' : opts.pacmanConf;
  if (cmd !== null) {
    const out = await runPacmanConf(cmd, configPath, opts.timeoutMs ?? PACMAN_CONF_TIMEOUT_MS);
    if (out !== null) return parsePacmanConf(out, `pacman-conf --config ${configPath}`, { arch: machine() });
  }
  return parsePacmanConfFile(configPath);
}
