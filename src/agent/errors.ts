// Errors the agent CLI turns into one line on stderr and an exit code (README "Agent (`pacsync`)"):
// 0 ok, 1 error, 2 configuration, 3 network, 4 sync conflict, 5 authentication/permission, 6 pacman
// failure. Commands throw these (or core's DomainError/PacmanFormatError); `runCli` prints and
// exits. Never a stack trace to the user.
import { ConfigError } from '../config/config-error.js';
import { printable } from '../core/printable.js';

export const EXIT = {
  OK: 0,
  ERROR: 1,
  CONFIG: 2,
  NETWORK: 3,
  CONFLICT: 4,
  AUTH: 5,
  PACMAN: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error with the exit code the CLI should end with. `message` is shown as is (one line). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.ERROR,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

// The one configuration error of the server, the agent and pacsync-admin (exit 2), offered here
// beside the agent's other errors.
export { ConfigError };

/** The exit code for any thrown value. */
export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof CliError || err instanceof ConfigError) return err.exitCode;
  return EXIT.ERROR;
}

/** The one line shown for any thrown value (first line of its message, no stack). */
export function messageFor(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split('\n')[0] ?? '').trim() || 'unknown error';
}

/**
 * Prints `error: <message>` (pacman's style) to stderr and sets the exit code. Output already
 * written to stdout is left to flush; the process is not killed.
 */
export function reportError(err: unknown): void {
  process.stderr.write(`error: ${printable(messageFor(err))}\n`);
  process.exitCode = exitCodeFor(err);
}

/** Wraps a command action so any error becomes one line and an exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      reportError(err);
    }
  };
}
