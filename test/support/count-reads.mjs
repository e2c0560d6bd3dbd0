// Preloaded into the built agent (`NODE_OPTIONS=--import …`, see withLocalDbReads in agent-cli.ts) by
// tests that count how often a command reads pacman's local database. A reading of the database
// reads every entry's `desc` once: each read of the desc of an entry whose name matches
// COUNT_READS_ENTRY (a regular expression) adds a line to COUNT_READS_FILE. Node's own fs is
// wrapped, nothing of ours: the agent runs as it always does.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const file = process.env.COUNT_READS_FILE;
const entry = new RegExp(process.env.COUNT_READS_ENTRY ?? '^$');
const readFileSync = fs.readFileSync;
fs.readFileSync = function countingReadFileSync(p, ...rest) {
  if (file && typeof p === 'string' && path.basename(p) === 'desc' && path.basename(path.dirname(path.dirname(p))) === 'local') {
    if (entry.test(path.basename(path.dirname(p)))) fs.appendFileSync(file, `${p}\n`);
  }
  return readFileSync.call(this, p, ...rest);
};
// ES modules (`import { readFileSync } from 'node:fs'`) see the wrapped function too.
syncBuiltinESMExports();
