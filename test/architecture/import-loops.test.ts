// No module of ours imports itself back, directly or through others, counting type-only and
// dynamic imports: a loop means the shared part belongs in a third module both import (a
// command's options type lives with the command and its action imports it, never both ways).
// And `src/agent/daemon/` holds the daemon's internals: only the daemon command and the daemon's
// own modules import from it, so what every command needs does not live there.
import path from 'node:path';
import { type DependencyTree, parseCircular, parseDependencyTree } from 'dpdm';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let tree: DependencyTree;

beforeAll(async () => {
  tree = await parseDependencyTree(['src/**/*.ts', 'src/**/*.cts', 'web/src/**/*.ts', 'web/src/**/*.tsx'], {
    context: root,
    cwd: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    transform: false, // keep `import type`: a type-only loop is a loop in the design
    skipDynamicImports: false,
    extensions: ['.ts', '.tsx', '.cts', '.js', ''],
  });
}, 60_000);

describe('imports', () => {
  it('form no loop', () => {
    expect(Object.keys(tree).length).toBeGreaterThan(100);
    const loops = parseCircular(tree).map((loop) => loop.join(' -> '));
    expect(loops).toEqual([]);
  });

  it('reach src/agent/daemon/ only from the daemon command and the daemon itself', () => {
    const outsiders: string[] = [];
    for (const [issuer, deps] of Object.entries(tree)) {
      if (issuer.startsWith('src/agent/daemon/') || issuer === 'src/agent/commands/daemon.action.ts') continue;
      for (const d of deps ?? []) {
        if (d.id?.startsWith('src/agent/daemon/')) outsiders.push(`${issuer} -> ${d.id}`);
      }
    }
    expect(outsiders).toEqual([]);
  });
});
