// `pacsync vercmp <ver1> <ver2>`: pacman's `vercmp` tool, built on our own comparison (which is
// libalpm's). Prints -1, 0 or 1 and exits 0 whatever the order, like the tool. A wrong argument
// count is reported with the tool's message on one line and exit code 1 (pacman's tool exits 2
// when given no argument at all; in pacsync 2 means a configuration error, so 1 it is).
import type { Command } from 'commander';
import { vercmp } from '../../core/vercmp.js';

const USAGE = 'pacsync vercmp <ver1> <ver2>';

export interface VercmpOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The command's whole behaviour, without touching the process. */
export function runVercmp(args: readonly string[]): VercmpOutcome {
  const [a, b] = args;
  if (args.length !== 2 || a === undefined || b === undefined) {
    return { stdout: '', stderr: `error: ${args.length} argument(s) specified; usage: ${USAGE}\n`, exitCode: 1 };
  }
  return { stdout: `${vercmp(a, b)}\n`, stderr: '', exitCode: 0 };
}

export function registerVercmpCommand(program: Command): Command {
  return (
    program
      .command('vercmp')
      .summary("compare two package versions with pacman's rules")
      .description(
        'Compare two package versions ([epoch:]pkgver[-pkgrel]) exactly as pacman does ' + '(libalpm alpm_pkg_vercmp) and print the result.',
      )
      .usage('<ver1> <ver2>')
      .argument('[versions...]', 'the two versions to compare')
      // Versions may look like options (`-1`): take every word as a version (`--` also works).
      .allowUnknownOption()
      .addHelpText('after', '\nOutput values:\n  -1 : if ver1 < ver2\n   0 : if ver1 == ver2\n   1 : if ver1 > ver2\n')
      .action((versions: string[]) => {
        const out = runVercmp(versions);
        if (out.stdout) process.stdout.write(out.stdout);
        if (out.stderr) process.stderr.write(out.stderr);
        process.exitCode = out.exitCode;
      })
  );
}
