import { vercmp } from '../../core/vercmp.js';
const USAGE = 'pacsync vercmp <ver1> <ver2>';
/** The command's whole behaviour, without touching the process. */
export function runVercmp(args) {
    const [a, b] = args;
    if (args.length !== 2 || a === undefined || b === undefined) {
        return { stdout: '', stderr: `error: ${args.length} argument(s) specified; usage: ${USAGE}\n`, exitCode: 1 };
    }
    return { stdout: `${vercmp(a, b)}\n`, stderr: '', exitCode: 0 };
}
export function registerVercmpCommand(program) {
    return (program
        .command('vercmp')
        .summary('compare two package versions with pacman\'s rules')
        .description('Compare two package versions ([epoch:]pkgver[-pkgrel]) exactly as pacman does ' +
        '(libalpm alpm_pkg_vercmp) and print the result.')
        .usage('<ver1> <ver2>')
        .argument('[versions...]', 'the two versions to compare')
        // Versions may look like options (`-1`): take every word as a version (`--` also works).
        .allowUnknownOption()
        .addHelpText('after', '\nOutput values:\n  -1 : if ver1 < ver2\n   0 : if ver1 == ver2\n   1 : if ver1 > ver2\n')
        .action((versions) => {
        const out = runVercmp(versions);
        if (out.stdout)
            process.stdout.write(out.stdout);
        if (out.stderr)
            process.stderr.write(out.stderr);
        process.exitCode = out.exitCode;
    }));
}
//# sourceMappingURL=vercmp.command.js.map