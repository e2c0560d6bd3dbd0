// After tsc: makes the compiled bins executable, bundles the agent's start-up fast path
// (src/agent/fast-path.ts → dist/src/agent/fast-path.cjs, one CommonJS file; why: see that file)
// and the admin command line (src/admin/pacsync-admin.ts → dist/src/admin/pacsync-admin.cjs: one
// file with its libraries inside, which needs nothing but Node; see that file).
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

for (const bin of ['dist/src/server/cli.js', 'dist/src/agent/pacsync.cjs', 'dist/src/agent/cli.js']) {
  if (existsSync(bin)) chmodSync(bin, 0o755);
}

await build({
  entryPoints: ['src/agent/fast-path.ts'],
  outfile: 'dist/src/agent/fast-path.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // node_modules packages are required at run time, and only on the paths that need them.
  packages: 'external',
  // stdout.ts and version.ts use import.meta.url; in the bundle that is this file.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

await build({
  entryPoints: ['src/admin/pacsync-admin.ts'],
  outfile: 'dist/src/admin/pacsync-admin.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Everything inside (commander, cli-table3, undici): no node_modules where it runs.
  define: { PACSYNC_ADMIN_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/src/admin/pacsync-admin.cjs', 0o755);
