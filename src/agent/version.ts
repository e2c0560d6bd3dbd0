// The agent's version: baked in as a constant when the agent is bundled into one file for a
// package (scripts/bundle-agent.mjs defines __PACSYNC_VERSION__), else read from package.json
// above this file (two levels up in src/, three in dist/src/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __PACSYNC_VERSION__: string | undefined;

export function agentVersion(): string {
  if (typeof __PACSYNC_VERSION__ === 'string') return __PACSYNC_VERSION__;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pacman-sync-utility' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
