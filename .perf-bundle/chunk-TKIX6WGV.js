import {
  CliError,
  EXIT
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/pacman/executor-errors.js
var MAX_MESSAGE = 600;
var PacmanFailure = class _PacmanFailure extends CliError {
  step;
  command;
  status;
  lines;
  completed;
  snapshots;
  constructor(init) {
    super(_PacmanFailure.summary(init.lines, init.status), EXIT.PACMAN);
    this.name = "PacmanFailure";
    this.step = init.step;
    this.command = init.command;
    this.status = init.status;
    this.lines = init.lines;
    this.completed = init.completed ?? [];
    this.snapshots = init.snapshots ?? [];
  }
  /** A copy telling which steps completed before (the executor knows, the runner does not). */
  withContext(completed, snapshots) {
    return new _PacmanFailure({ ...this, completed, snapshots: [...this.snapshots, ...snapshots] });
  }
  static summary(lines, status) {
    const errors = lines.filter((l) => l.startsWith("error:"));
    const others = lines.filter((l) => !l.startsWith("error:"));
    const head = errors[0] ?? others.shift() ?? `pacman exited with status ${status ?? "unknown"} without a message`;
    const rest = [...others, ...errors.slice(1)].map((l) => l.replace(/^(::|error:)\s*/, ""));
    let msg = rest.length > 0 ? `${head}: ${rest.join("; ")}` : head;
    msg = msg.replace(/\s*\n\s*/g, " ");
    return msg.length > MAX_MESSAGE ? `${msg.slice(0, MAX_MESSAGE - 1)}\u2026` : msg;
  }
};
var VersionUnavailableError = class extends CliError {
  missing;
  constructor(missing) {
    const list = missing.map((m) => `${m.name} ${m.version}`).join(", ");
    super(`not available in the sync databases, the package cache or the archive: ${list}`, EXIT.ERROR);
    this.missing = missing;
    this.name = "VersionUnavailableError";
  }
};
var STEP_WORDS = {
  transaction: "the transaction (pacman -U)",
  reasons: "install reasons (pacman -D)",
  remove: "removals (pacman -R)"
};
var StepsStopped = class extends CliError {
  completed;
  skipped;
  snapshots;
  constructor(completed, skipped, snapshots = []) {
    const words = (steps) => [...new Set(steps)].map((s) => STEP_WORDS[s] ?? s).join(", ");
    super(completed.length === 0 ? "stopped before the transaction started: nothing was changed" : `stopped after ${words(completed)}, which pacman finished; not run: ${words(skipped)}`, EXIT.ERROR);
    this.completed = completed;
    this.skipped = skipped;
    this.snapshots = snapshots;
    this.name = "StepsStopped";
  }
};

export {
  PacmanFailure,
  VersionUnavailableError,
  StepsStopped
};
