// The code behind pacsync.cts's start-up fast path (`pacsync query [-i]`, `pacsync repo-list`),
// which the build also bundles into one CommonJS file, dist/src/agent/fast-path.cjs (esbuild, see
// scripts/postbuild.mjs). Why: these two commands stand in for `pacman -Q`/`-Qi`/`-Sl`, which
// finish in about the time Node takes to start, and loading their ~20 ES modules one by one
// (each resolved and read asynchronously) cost ~15 ms of a ~100 ms run; one synchronously
// required file costs ~2 ms. Packages from node_modules stay outside the bundle (they load only
// when a rare path needs them). Without the bundle (run from source), pacsync.cts imports this.
export { runQueryCommand } from './commands/query.command.js';
export { runRepoListCommand } from './commands/repo-list.command.js';
export { stdoutDrained } from './stdout.js';
