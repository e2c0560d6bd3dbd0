const T = [['start', performance.now()]];
const mark = (n) => T.push([n, performance.now()]);
const { readLocalDb, listLocalDb } = await import('./dist/src/agent/pacman/local-db.reader.js');
const { SatisfierIndex, formatQi, outputColumns, reverseDependencies } = await import('./dist/src/agent/pacman/pacman-output.js');
mark('import');
const db = process.env.PACSYNC_PACMAN_DBPATH;
const all = readLocalDb(db, { scriptlets: true });
mark('readLocalDb');
const installed = new SatisfierIndex(all);
const ctx = { installed, requiredBy: reverseDependencies(all, installed, 'depends'), optionalFor: reverseDependencies(all, installed, 'optdepends'), cols: outputColumns() };
mark('index');
let s = ''; const parts = [];
for (const p of all) { s += formatQi(p, ctx); if (s.length > 65536) { parts.push(s); s = ''; } }
mark('format');
process.stdout.write(parts.join('') + s);
mark('write');
process.on('exit', () => { mark('exit'); let prev = 0; process.stderr.write(T.map(([n, t]) => `${n} ${(t - prev).toFixed(1)}`, prev = 0).map((x, i) => { const t = T[i][1]; const r = `${T[i][0]} +${(t - prev).toFixed(1)} (${t.toFixed(1)})`; prev = t; return r; }).join('  ') + '\n'); });
