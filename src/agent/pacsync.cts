#!/usr/bin/env node
// `pacsync`, the agent's executable (the package's bin). CommonJS on purpose: Node starts a
// CommonJS entry without setting up its ES module loader, ~4 ms less (measured) for the two
// commands below. Exit codes (README "Agent (`pacsync`)"): 0 ok, 1 error, 2 configuration, 3 network,
// 4 sync conflict, 5 authentication/permission, 6 pacman failure.
//
// Start-up fast path: `pacsync query [-i]` and `pacsync repo-list` stand in for `pacman -Q`,
// `-Qi` and `-Sl`, which finish in about the time Node itself takes to start; loading commander
// and every command module would add ~20–30 ms of CPU on top (measured). So when the arguments
// are one of those two commands in its plain shape, the command runs straight away from the
// bundled fast-path.cjs (see fast-path.ts) and nothing else is loaded. Anything else — other
// commands, help, --config, `--`, any other option — goes through the full command line in
// cli.ts (commander), which reads those plain shapes exactly as the fast path does.
type FastPath = typeof import('./fast-path.js', { with: { 'resolution-mode': 'import' } });

const argv = process.argv.slice(2);
const operands = (args: string[], flags: string[] = []): boolean => args.every((a) => !a.startsWith('-') || flags.includes(a));

if (argv[0] === 'query' && operands(argv.slice(1), ['-i', '--info'])) {
  // No optimising compiler: reading a local database is a short run of small files, over before
  // Turbofan's compilations (on the machine's other core, then installed here) pay for
  // themselves. Measured on 1,500 packages: ~83 ms instead of ~90 ms, and on 6,000 packages
  // still ~3% faster. (Not for repo-list: its 30 MB tar walk needs optimised code.)
  require('node:v8').setFlagsFromString('--no-turbofan');
  const info = argv.includes('-i') || argv.includes('--info');
  runFast((f) =>
    f.runQueryCommand(
      argv.slice(1).filter((a) => a !== '-i' && a !== '--info'),
      { info },
      undefined,
    ),
  );
} else if (argv[0] === 'repo-list' && operands(argv.slice(1))) {
  runFast((f) => f.runRepoListCommand(argv.slice(1), undefined));
} else {
  void import('./cli.js');
}

/**
 * Runs a fast-path command, then ends the process as soon as its output has left (stdout.ts
 * writes synchronously; stderr is synchronous for files, pipes and terminals): exiting skips
 * V8's heap teardown, which took ~5 ms of a ~90 ms `query --info` (measured).
 */
function runFast(command: (f: FastPath) => Promise<void>): void {
  void fastPath().then(async (f) => {
    await command(f);
    await f.stdoutDrained();
    process.exit();
  });
}

/** The bundle next to this file when built; the module itself otherwise. */
async function fastPath(): Promise<FastPath> {
  try {
    return require('./fast-path.cjs') as FastPath;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    return import('./fast-path.js');
  }
}
