// Bundles the whole agent — src/agent/pacsync.cts, every command and the node_modules packages
// they use — into ONE CommonJS file that runs with a plain `node` and nothing beside it: what the
// Arch package installs as /usr/lib/pacsync/pacsync.cjs (no node_modules on the machine).
//
//   node scripts/bundle-agent.mjs [OUT]     default OUT: dist/bundle/pacsync.cjs
//
// Two things differ from the tsc build (dist/src/agent/):
//   - `./fast-path.cjs` (the separately bundled fast path, postbuild.mjs) resolves to its source:
//     in one file the fast path is a module of the bundle like any other;
//   - the version is baked in (src/agent/version.ts), and the first line is `#!/usr/bin/node`
//     (the nodejs package's node, whatever PATH a pacman hook or a unit runs with).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'dist/bundle/pacsync.cjs'));
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const agentBundle = {
  name: 'agent-bundle',
  setup(b) {
    b.onResolve({ filter: /^\.\/fast-path\.cjs$/ }, (args) => ({ path: path.join(args.resolveDir, 'fast-path.ts') }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src/agent/pacsync.cts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  define: { 'import.meta.url': '__bundleUrl', __PACSYNC_VERSION__: JSON.stringify(version) },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [agentBundle],
  logLevel: 'warning',
});

// esbuild keeps the entry's `#!/usr/bin/env node`: name the nodejs package's node instead.
const text = readFileSync(out, 'utf8').replace(/^#![^\n]*\n/, '');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `#!/usr/bin/node\n${text}`);
chmodSync(out, 0o755);
console.log(`bundled the agent ${version} into ${path.relative(process.cwd(), out) || out}`);
