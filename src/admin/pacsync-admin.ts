// `pacsync-admin`, the administrator's command line (the package's bin, bundled by
// scripts/postbuild.mjs into dist/src/admin/pacsync-admin.cjs: one file that needs only Node —
// no database driver, no native module, no node_modules — so it runs on an administrator's
// laptop as well as on the server). It talks only to the public HTTP API (/api/v1).
// Exit codes as the agent's: 0 ok, 1 error, 2 usage/configuration, 3 network, 4 conflict,
// 5 authentication/permission.
import { CommanderError } from 'commander';
import { ConfigError, EXIT, reportError } from '../agent/errors.js';
import { buildProgram } from './program.js';

/** A reader that went away (`pacsync-admin events | head`): output stops there, quietly. */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stream.write = (() => true) as typeof stream.write;
  });
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.hook('preAction', (root) => {
    if (root.opts().key !== undefined) {
      throw new ConfigError(
        '--key is not accepted: a key on the command line is visible to every user ' +
          '(ps) and stays in shell history; use --key-file FILE or PACSYNC_ADMIN_KEY',
      );
    }
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with 0; any other of commander's refusals is a usage error.
      process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.CONFIG;
      return;
    }
    reportError(err);
  }
}

void main(process.argv);
