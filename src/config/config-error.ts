// The one error for a configuration problem, in the server, the agent and pacsync-admin alike:
// a bad value, an unknown section or key, a file that cannot be read. Every program that reads
// configuration exits 2 on it (pacsync-server: src/server/commands/support.ts; pacsync and
// pacsync-admin: src/agent/errors.ts) and shows `message` as its one line.

/** Invalid or unreadable configuration (exit 2). `file` and `key` name the culprit when known. */
export class ConfigError extends Error {
  /** The exit code of every command line (2: configuration). */
  readonly exitCode = 2;

  constructor(
    message: string,
    /** The configuration file the problem is in, when it is in one. */
    readonly file?: string,
    /** The setting it is about: `section.key` from the loaders (the section alone for an unknown one). */
    readonly key?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
