// One bench in its own process (bench/run.ts starts it): its default export runs, and a missed
// goal (bench/harness.ts) or a thrown error makes the exit status non-zero.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: run-one.ts NAME.bench.ts');
const mod = (await import(pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), file)).href)) as { default?: () => Promise<void> };
if (typeof mod.default !== 'function') throw new Error(`${file} has no default export`);
await mod.default();
