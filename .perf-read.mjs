import fs from 'node:fs';
import path from 'node:path';
const db = process.env.PACSYNC_PACMAN_DBPATH; const local = path.join(db, 'local');
const mode = process.argv[2];
const t0 = performance.now();
const names = fs.readdirSync(local, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
const t1 = performance.now();
let total = 0;
if (mode === 'loop') {
  let buffer = Buffer.allocUnsafe(65536);
  for (const e of names) { const fd = fs.openSync(local + '/' + e + '/desc', 'r'); let got = 0; for (;;) { const n = fs.readSync(fd, buffer, got, buffer.length - got, null); if (n === 0) break; got += n; } fs.closeSync(fd); total += buffer.toString('utf8', 0, got).length; }
} else if (mode === 'loop1') {
  // one read: stop when a read returns less than asked
  let buffer = Buffer.allocUnsafe(65536);
  for (const e of names) { const fd = fs.openSync(local + '/' + e + '/desc', 'r'); let got = 0; for (;;) { const n = fs.readSync(fd, buffer, got, buffer.length - got, null); got += n; if (n === 0 || got < buffer.length) break; } fs.closeSync(fd); total += buffer.latin1Slice(0, got).length; }
} else if (mode === 'rfs') {
  for (const e of names) total += fs.readFileSync(local + '/' + e + '/desc', 'utf8').length;
} else if (mode === 'rfsb') {
  for (const e of names) total += fs.readFileSync(local + '/' + e + '/desc').length;
} else if (mode === 'stat') {
  for (const e of names) total += fs.statSync(local + '/' + e + '/install', { throwIfNoEntry: false }) ? 1 : 0;
} else if (mode === 'exists') {
  for (const e of names) total += fs.existsSync(local + '/' + e + '/install') ? 1 : 0;
} else if (mode === 'access') {
  for (const e of names) { try { fs.accessSync(local + '/' + e + '/install'); total++; } catch {} }
} else if (mode === 'readdir') {
  for (const e of names) total += fs.readdirSync(local + '/' + e).length;
}
const t2 = performance.now();
console.log(mode, 'readdir', (t1 - t0).toFixed(1), 'work', (t2 - t1).toFixed(1), total);
