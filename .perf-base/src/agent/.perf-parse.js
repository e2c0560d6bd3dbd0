import { readFileSync } from 'node:fs';
const mod = process.env.V === 'exp' ? '../core/pacman/.exp-tar.reader.js' : '../core/pacman/tar.reader.js';
const { TarParser } = await import(mod);
const { SyncDbIds } = await import(process.env.V === 'exp' ? '../core/pacman/.exp-sync-db.parser.js' : '../core/pacman/sync-db.parser.js');
const buf = readFileSync('/tmp/pfx/extra.tar');
const CH = 65536;
const chunks = []; for (let i = 0; i < buf.length; i += CH) chunks.push(new Uint8Array(buf.buffer, buf.byteOffset + i, Math.min(CH, buf.length - i)));
const t0 = performance.now(); const c0 = process.cpuUsage();
const ids = new SyncDbIds('x'); const p = new TarParser('x', (e) => ids.add(e), { directories: false });
for (const c of chunks) p.write(c);
p.end(); const n = ids.finish().length;
const t1 = performance.now(); const c = process.cpuUsage(c0);
if (globalThis.gc) { process.stderr.write("MARK-END\n"); globalThis.gc(); }
console.log(`parse wall ${(t1 - t0).toFixed(1)} cpu ${((c.user + c.system) / 1000).toFixed(1)} n=${n}`);
