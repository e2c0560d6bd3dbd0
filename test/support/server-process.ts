// Runs the BUILT `pacsync-server` binary (dist/src/server/cli.js, from `npm run build`; `npm test`
// builds first) as a user would: one-shot commands, or `serve` in the background until stopped.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src/server/cli.js');

function cliPath(): string {
  if (!existsSync(SERVER_CLI)) throw new Error(`${SERVER_CLI} not found: run "npm run build" first (npm test does)`);
  return SERVER_CLI;
}

/** A clean environment: nothing from the developer's shell (DATABASE_URL, PORT…) leaks in. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runServerCli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath(), ...args],
      { env: cleanEnv(options.env ?? {}), cwd: options.cwd, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Sends the signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `pacsync-server serve …` and resolves once it prints the URL it listens on. */
export function startServerProcess(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), cliPath(), 'serve', ...args], {
    env: cleanEnv(options.env ?? {}),
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`server did not print its URL within ${options.timeoutMs ?? 30_000} ms; output:\n${out}`));
    }, options.timeoutMs ?? 30_000);
    let listening = false;
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      // Scanned until found only: a chatty server (info-level request lines) must not cost a
      // scan of everything printed so far per chunk.
      const m = listening ? null : /listening on (https?:\/\/[^\s,]+)/.exec(out);
      if (m?.[1]) {
        listening = true;
        clearTimeout(timer);
        resolve({ url: m[1], child, output: () => out, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening; output:\n${out}`));
    });
  });
}

/** GET url, parsed JSON and status; network errors reject. `any`: tests read response fields freely. */
export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as unknown };
}
