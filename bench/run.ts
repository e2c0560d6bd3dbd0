// `npm run bench`: runs every bench/*.bench.ts in turn. Each prints its own measurements and the
// ratio against the reference tool measured in the same run (pacman, vercmp, libalpm).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default?: () => Promise<void> };
  if (typeof mod.default === 'function') await mod.default();
}
