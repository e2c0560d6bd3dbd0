import {
  vercmp
} from "./chunk-E23FFSMN.js";

// dist/src/agent/commands/vercmp.command.js
var USAGE = "pacsync vercmp <ver1> <ver2>";
function runVercmp(args) {
  const [a, b] = args;
  if (args.length !== 2 || a === void 0 || b === void 0) {
    return { stdout: "", stderr: `error: ${args.length} argument(s) specified; usage: ${USAGE}
`, exitCode: 1 };
  }
  return { stdout: `${vercmp(a, b)}
`, stderr: "", exitCode: 0 };
}
function registerVercmpCommand(program) {
  return program.command("vercmp").summary("compare two package versions with pacman's rules").description("Compare two package versions ([epoch:]pkgver[-pkgrel]) exactly as pacman does (libalpm alpm_pkg_vercmp) and print the result.").usage("<ver1> <ver2>").argument("[versions...]", "the two versions to compare").allowUnknownOption().addHelpText("after", "\nOutput values:\n  -1 : if ver1 < ver2\n   0 : if ver1 == ver2\n   1 : if ver1 > ver2\n").action((versions) => {
    const out = runVercmp(versions);
    if (out.stdout)
      process.stdout.write(out.stdout);
    if (out.stderr)
      process.stderr.write(out.stderr);
    process.exitCode = out.exitCode;
  });
}
export {
  registerVercmpCommand,
  runVercmp
};
