// Errors of the executor (applying a plan through pacman). Both are CliErrors, so a command that
// lets them through prints one line and exits with the code README "Agent (`pacsync`)" gives:
//   PacmanFailure           exit 6 — pacman refused or failed; carries pacman's own message.
//   VersionUnavailableError exit 1 — a version the plan needs is in no sync database, package
//                           cache or archive. Raised before anything is changed. Not 6: pacman
//                           never ran, nothing failed in it; the plan cannot be had on this machine.
//   SignatureRefusedError   exit 1 — a VersionUnavailableError whose archive files failed the
//                           signature check (package-signature.ts); raised before anything is changed.
//   StepsStopped            exit 1 — the agent was stopped (a signal): the pacman step running
//                           was finished, the following ones were not started.
import { CliError, EXIT } from '../errors.js';

/** The executor's steps, in the order they run. */
export type ExecutorStep = 'refresh' | 'resolve' | 'download' | 'confirm' | 'transaction' | 'reasons' | 'remove';

/** A snapshot pair snap-pac's hooks created (snapper config, pre and post numbers). */
export interface SnapperSnapshot {
  config: string;
  pre: number | null;
  post: number | null;
  /** The step whose pacman run created it. */
  step: ExecutorStep;
}

export interface PacmanFailureInit {
  step: ExecutorStep;
  /** The command line that failed (sudo included), for logs. */
  command: string[];
  /** pacman's exit status, or null when it could not be started or was killed. */
  status: number | null;
  /** pacman's own problem lines (error lines and the explanations it printed), trimmed. */
  lines: string[];
  /** Steps completed before this one (nothing changed when none of them changes packages). */
  completed?: ExecutorStep[];
  snapshots?: SnapperSnapshot[];
}

const MAX_MESSAGE = 600;

/**
 * pacman failed. `message` is one line: pacman's first error line, then the explanations it gave
 * (`unable to satisfy dependency 'zzz>=2' required by app`, `foo: /usr/bin/foo exists in
 * filesystem`, …) joined by `; `. No stack, no command line (it may hold paths only).
 */
export class PacmanFailure extends CliError {
  readonly step: ExecutorStep;
  readonly command: string[];
  readonly status: number | null;
  readonly lines: string[];
  readonly completed: ExecutorStep[];
  readonly snapshots: SnapperSnapshot[];

  constructor(init: PacmanFailureInit) {
    super(PacmanFailure.summary(init.lines, init.status), EXIT.PACMAN);
    this.name = 'PacmanFailure';
    this.step = init.step;
    this.command = init.command;
    this.status = init.status;
    this.lines = init.lines;
    this.completed = init.completed ?? [];
    this.snapshots = init.snapshots ?? [];
  }

  /** A copy telling which steps completed before (the executor knows, the runner does not). */
  withContext(completed: ExecutorStep[], snapshots: SnapperSnapshot[]): PacmanFailure {
    return new PacmanFailure({ ...this, completed, snapshots: [...this.snapshots, ...snapshots] });
  }

  private static summary(lines: readonly string[], status: number | null): string {
    const errors = lines.filter((l) => l.startsWith('error:'));
    const others = lines.filter((l) => !l.startsWith('error:'));
    const head = errors[0] ?? others.shift() ?? `pacman exited with status ${status ?? 'unknown'} without a message`;
    const rest = [...others, ...errors.slice(1)].map((l) => l.replace(/^(::|error:)\s*/, ''));
    let msg = rest.length > 0 ? `${head}: ${rest.join('; ')}` : head;
    msg = msg.replace(/\s*\n\s*/g, ' ');
    return msg.length > MAX_MESSAGE ? `${msg.slice(0, MAX_MESSAGE - 1)}…` : msg;
  }
}

/** A version the plan needs, and the places that were tried. */
export interface UnavailableVersion {
  name: string;
  version: string;
  tried: string[];
}

/** Versions the plan needs that this machine cannot get. Thrown before anything changes. */
export class VersionUnavailableError extends CliError {
  constructor(readonly missing: UnavailableVersion[]) {
    const list = missing.map((m) => `${m.name} ${m.version}`).join(', ');
    super(`not available in the sync databases, the package cache or the archive: ${list}`, EXIT.ERROR);
    this.name = 'VersionUnavailableError';
  }
}

/**
 * Versions whose archive downloads the machine's signature level refused (and that nothing else
 * provided): the message names each refused file and why. Thrown before anything changes; the
 * refused files are deleted, never kept in the package cache.
 */
export class SignatureRefusedError extends VersionUnavailableError {
  constructor(
    missing: UnavailableVersion[],
    /** One line per refused file: `legacy-0.9-1-x86_64.pkg.tar.zst: bad signature … (RemoteFileSigLevel …)`. */
    readonly refused: string[],
  ) {
    super(missing);
    this.message = `package signature check failed, nothing was changed: ${refused.join('; ')}`;
    this.name = 'SignatureRefusedError';
  }
}

const STEP_WORDS: Partial<Record<ExecutorStep, string>> = {
  transaction: 'the transaction (pacman -U)',
  reasons: 'install reasons (pacman -D)',
  remove: 'removals (pacman -R)',
};

/** The agent was stopped between two pacman steps: `completed` ran in full, `skipped` never started. */
export class StepsStopped extends CliError {
  constructor(
    readonly completed: ExecutorStep[],
    readonly skipped: ExecutorStep[],
    readonly snapshots: SnapperSnapshot[] = [],
  ) {
    const words = (steps: ExecutorStep[]): string => [...new Set(steps)].map((s) => STEP_WORDS[s] ?? s).join(', ');
    super(
      completed.length === 0
        ? 'stopped before the transaction started: nothing was changed'
        : `stopped after ${words(completed)}, which pacman finished; not run: ${words(skipped)}`,
      EXIT.ERROR,
    );
    this.name = 'StepsStopped';
  }
}
