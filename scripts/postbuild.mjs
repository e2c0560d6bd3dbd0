// Makes the compiled bins executable and copies non-TS assets (web UI) next to the build.
import { chmodSync, existsSync } from 'node:fs';

for (const bin of ['dist/src/server/cli.js', 'dist/src/agent/cli.js']) {
  if (existsSync(bin)) chmodSync(bin, 0o755);
}
