// pacman's configuration as pacman itself sees it: from `pacman-conf --config FILE` when that
// tool is installed (it applies pacman's own parser, defaults and Include handling), otherwise
// from core's parser with Include files (and globs) read here.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { machine } from 'node:os';
import path from 'node:path';
import { PacmanFormatError } from '../../core/errors.js';
import { parsePacmanConf } from '../../core/pacman/pacman-conf.parser.js';
/** Runs pacman-conf; null when it is not installed. */
function runPacmanConf(cmd, configPath) {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, ['--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
        child.on('error', (e) => (e.code === 'ENOENT' ? resolve(null) : reject(e)));
        child.on('close', (code) => {
            if (code === 0)
                return resolve(out);
            const line = err.split('\n').find((l) => l.startsWith('error:')) ?? err.split('\n')[0] ?? `pacman-conf exited with ${code}`;
            reject(new PacmanFormatError(configPath, line.replace(/^error:\s*/, '').trim()));
        });
    });
}
function readConfigFile(file, from) {
    try {
        return readFileSync(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new PacmanFormatError(from, `config file ${file} could not be read: ${code === 'ENOENT' ? 'No such file or directory' : code ?? String(err)}`);
    }
}
/**
 * glob(3) for an Include value: wildcards in any component, matches sorted, none is an error (as
 * in pacman 6.0). `matcher` is picomatch (loaded by the caller, only when needed).
 */
export function expandInclude(pattern, from, matcher) {
    if (!/[*?[]/.test(pattern))
        return [{ file: pattern, text: readConfigFile(pattern, from) }];
    const abs = path.resolve(pattern);
    const parts = abs.split('/').filter((p) => p !== '');
    let dirs = ['/'];
    for (const part of parts) {
        const next = [];
        for (const d of dirs) {
            if (!/[*?[]/.test(part)) {
                next.push(path.join(d, part));
                continue;
            }
            const match = matcher(part);
            let names = [];
            try {
                names = readdirSync(d).sort();
            }
            catch {
                names = [];
            }
            for (const n of names)
                if (match(n))
                    next.push(path.join(d, n));
        }
        dirs = next;
    }
    const files = dirs.filter((f) => existsSync(f));
    if (files.length === 0)
        throw new PacmanFormatError(from, `config file ${pattern} could not be read: No such file or directory`);
    return files.map((f) => ({ file: f, text: readConfigFile(f, from) }));
}
/** Parses `configPath` with core's parser (the fallback when pacman-conf is absent). */
export async function parsePacmanConfFile(configPath) {
    const text = readConfigFile(configPath, configPath);
    const { default: picomatch } = await import('picomatch');
    const matcher = (p) => picomatch(p, { dot: false });
    return parsePacmanConf(text, configPath, { arch: machine(), include: (p, from) => expandInclude(p, from, matcher) });
}
/** pacman's configuration: via pacman-conf when installed, else the built-in parser. */
export async function loadPacmanConf(configPath, opts = {}) {
    const cmd = opts.pacmanConf === undefined ? 'pacman-conf' : opts.pacmanConf;
    if (cmd !== null) {
        const out = await runPacmanConf(cmd, configPath);
        if (out !== null)
            return parsePacmanConf(out, `pacman-conf --config ${configPath}`, { arch: machine() });
    }
    return parsePacmanConfFile(configPath);
}
//# sourceMappingURL=pacman-conf.reader.js.map