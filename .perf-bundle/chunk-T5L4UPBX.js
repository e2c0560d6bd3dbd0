// dist/src/agent/errors.js
var EXIT = {
  OK: 0,
  ERROR: 1,
  CONFIG: 2,
  NETWORK: 3,
  CONFLICT: 4,
  AUTH: 5,
  PACMAN: 6
};
var CliError = class extends Error {
  exitCode;
  constructor(message, exitCode = EXIT.ERROR) {
    super(message);
    this.exitCode = exitCode;
    this.name = "CliError";
  }
};
var ConfigError = class extends CliError {
  file;
  key;
  constructor(message, file, key) {
    super(message, EXIT.CONFIG);
    this.file = file;
    this.key = key;
    this.name = "ConfigError";
  }
};
function exitCodeFor(err) {
  if (err instanceof CliError)
    return err.exitCode;
  return EXIT.ERROR;
}
function messageFor(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split("\n")[0] ?? "").trim() || "unknown error";
}
function reportError(err) {
  process.stderr.write(`error: ${messageFor(err)}
`);
  process.exitCode = exitCodeFor(err);
}
function action(fn) {
  return async (...args) => {
    try {
      await fn(...args);
    } catch (err) {
      reportError(err);
    }
  };
}
function quietOnBrokenPipe() {
  if (process.stdout.listenerCount("error") > 0)
    return;
  process.stdout.on("error", (err) => {
    if (err.code === "EPIPE")
      process.exit(process.exitCode ?? 0);
    reportError(err);
  });
}

export {
  EXIT,
  CliError,
  ConfigError,
  messageFor,
  action,
  quietOnBrokenPipe
};
