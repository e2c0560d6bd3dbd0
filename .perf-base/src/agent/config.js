// The agent's configuration (SPEC §6): an INI file plus environment overrides.
//
// File: `--config FILE`, else $PACSYNC_CONFIG, else ~/.config/pacman-sync/client.conf, else
// /etc/pacman-sync/client.conf (the first that exists; none is fine: defaults and environment).
// A file named explicitly (flag or variable) must exist, except for writers (`register`).
// Precedence per key: PACSYNC_<SECTION>_<KEY> > short form (PACSYNC_SERVER, PACSYNC_API_KEY) >
// file > default. Every value is validated; a bad one is a ConfigError naming the key and where it
// came from (exit 2). Unknown keys in our sections are errors too (a typo must not be silently
// ignored); unknown sections are left alone.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import path from 'node:path';
import ini from 'ini';
import { ConfigError } from './errors.js';
/** Every key the agent knows, by section. */
export const CONFIG_KEYS = {
    server: { url: 'url', api_key: 'string', timeout: 'seconds' },
    client: { endpoint_name: 'string', endpoint_id: 'string', pool_id: 'string', exclude: 'list', state_dir: 'path' },
    daemon: { heartbeat_interval: 'seconds', poll_interval: 'seconds', watch_interval: 'seconds', max_backoff: 'seconds' },
    pacman: {
        command: 'string',
        root: 'path',
        dbpath: 'path',
        config_path: 'path',
        cache_dir: 'path',
        archive_url: 'url',
        archive_mirrors: 'list',
        use_sudo: 'bool',
    },
};
const SHORT_ENV = {
    PACSYNC_SERVER: ['server', 'url'],
    PACSYNC_API_KEY: ['server', 'api_key'],
    PACSYNC_STATE_DIR: ['client', 'state_dir'],
};
/** Candidate files in lookup order. */
export function configCandidates(home = homedir()) {
    return [path.join(home, '.config', 'pacman-sync', 'client.conf'), '/etc/pacman-sync/client.conf'];
}
function readIni(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new ConfigError(`cannot read configuration file ${file}: ${code === 'ENOENT' ? 'not found' : code ?? String(err)}`, file);
    }
    const parsed = ini.parse(text);
    const out = {};
    for (const [k, v] of Object.entries(parsed)) {
        if (v !== null && typeof v === 'object' && !Array.isArray(v))
            out[k] = v;
        else
            throw new ConfigError(`${file}: key '${k}' is outside a section`, file, k);
    }
    return out;
}
function validate(kind, value, where, file, key) {
    const bad = (why) => new ConfigError(`${where}: ${why}`, file, key);
    if (kind === 'list') {
        const items = Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/);
        return items.map((s) => s.trim()).filter((s) => s !== '');
    }
    if (kind === 'bool') {
        if (typeof value === 'boolean')
            return value;
        const s = String(value).trim().toLowerCase();
        if (['true', 'yes', 'on', '1'].includes(s))
            return true;
        if (['false', 'no', 'off', '0'].includes(s))
            return false;
        throw bad(`'${String(value)}' is not a boolean (true/false)`);
    }
    if (typeof value !== 'string')
        throw bad('expected a single value');
    const s = value.trim();
    if (s === '')
        throw bad('must not be empty');
    switch (kind) {
        case 'url': {
            let u;
            try {
                u = new URL(s);
            }
            catch {
                throw bad(`'${s}' is not a URL`);
            }
            if (u.protocol !== 'http:' && u.protocol !== 'https:' && !(key === 'archive_url' && u.protocol === 'file:')) {
                throw bad(`'${s}' is not an http(s) URL`);
            }
            return s.replace(/\/+$/, '');
        }
        case 'seconds': {
            const n = Number(s);
            if (!Number.isFinite(n) || n <= 0)
                throw bad(`'${s}' is not a positive number of seconds`);
            return n;
        }
        case 'path':
            if (!path.isAbsolute(s))
                throw bad(`'${s}' is not an absolute path`);
            return path.normalize(s);
        default:
            return s;
    }
}
/**
 * The daemon's state directory when none is configured: beside a configuration file named
 * explicitly (--config, PACSYNC_CONFIG), else /var/lib/pacman-sync for root, else
 * $XDG_STATE_HOME/pacman-sync (~/.local/state/pacman-sync).
 */
function defaultStateDir(namedFile, env, home = homedir()) {
    if (namedFile !== null)
        return path.dirname(namedFile);
    if (process.getuid?.() === 0)
        return '/var/lib/pacman-sync';
    const xdg = env.XDG_STATE_HOME;
    return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'state'), 'pacman-sync');
}
/** Loads and validates the configuration. Throws ConfigError. */
export function loadConfig(opts = {}) {
    const env = opts.env ?? process.env;
    const named = opts.configFlag ?? (env.PACSYNC_CONFIG || undefined);
    let file = null;
    let writeTarget;
    if (named !== undefined) {
        const abs = path.resolve(named);
        writeTarget = abs;
        if (existsSync(abs))
            file = abs;
        else if (!opts.allowMissing)
            throw new ConfigError(`configuration file ${abs} not found`, abs);
    }
    else {
        const candidates = configCandidates(opts.home);
        file = candidates.find((c) => existsSync(c)) ?? null;
        writeTarget = file ?? (process.getuid?.() === 0 ? candidates[1] : candidates[0]);
    }
    const fromFile = file !== null ? readIni(file) : {};
    const values = {};
    for (const section of Object.keys(CONFIG_KEYS)) {
        const known = CONFIG_KEYS[section];
        const out = (values[section] = {});
        for (const [key, raw] of Object.entries(fromFile[section] ?? {})) {
            const kind = known[key];
            if (kind === undefined)
                throw new ConfigError(`${file}: unknown key '${key}' in [${section}]`, file ?? undefined, key);
            out[key] = validate(kind, raw, `${file} [${section}] ${key}`, file ?? undefined, key);
        }
    }
    const fromEnv = (name, section, key) => {
        const v = env[name];
        if (v === undefined || v === '')
            return;
        const kind = CONFIG_KEYS[section][key];
        values[section][key] = validate(kind, v, name, undefined, key);
    };
    for (const [name, [section, key]] of Object.entries(SHORT_ENV))
        fromEnv(name, section, key);
    for (const section of Object.keys(CONFIG_KEYS)) {
        for (const key of Object.keys(CONFIG_KEYS[section]))
            fromEnv(`PACSYNC_${section.toUpperCase()}_${key.toUpperCase()}`, section, key);
    }
    const s = values.server ?? {};
    const c = values.client ?? {};
    const p = values.pacman ?? {};
    const d = values.daemon ?? {};
    const root = p.root ?? '/';
    return {
        file,
        writeTarget,
        server: {
            url: s.url ?? null,
            apiKey: s.api_key ?? null,
            timeout: s.timeout ?? 30,
        },
        client: {
            endpointName: c.endpoint_name ?? hostname(),
            endpointId: c.endpoint_id ?? null,
            poolId: c.pool_id ?? null,
            exclude: c.exclude ?? [],
            stateDir: c.state_dir ?? defaultStateDir(named !== undefined ? writeTarget : null, env, opts.home),
        },
        daemon: {
            heartbeatInterval: d.heartbeat_interval ?? 60,
            pollInterval: d.poll_interval ?? 15,
            watchInterval: d.watch_interval ?? 5,
            maxBackoff: d.max_backoff ?? 300,
        },
        pacman: {
            command: p.command ?? 'pacman',
            root,
            dbpath: p.dbpath ?? path.join(root, 'var/lib/pacman'),
            configPath: p.config_path ?? '/etc/pacman.conf',
            cacheDir: p.cache_dir ?? '/var/cache/pacman/pkg',
            archiveUrl: p.archive_url ?? null,
            archiveMirrors: p.archive_mirrors ?? [],
            useSudo: p.use_sudo ?? process.getuid?.() !== 0,
        },
    };
}
/**
 * Sets keys in the configuration file (creating it and its directory if needed), keeping every
 * other line — comments included — as it was. The file is replaced atomically and left with mode
 * 0600: it holds the endpoint's API key. Values are validated like loadConfig does.
 */
export function writeConfigValues(file, updates) {
    for (const [section, kv] of Object.entries(updates)) {
        for (const [key, value] of Object.entries(kv)) {
            const kind = CONFIG_KEYS[section]?.[key];
            if (kind === undefined)
                throw new ConfigError(`unknown configuration key [${section}] ${key}`, file, key);
            validate(kind, value, `[${section}] ${key}`, file, key);
        }
    }
    let lines = [];
    try {
        lines = readFileSync(file, 'utf8').split('\n');
        if (lines[lines.length - 1] === '')
            lines.pop();
    }
    catch (err) {
        if (err.code !== 'ENOENT') {
            throw new ConfigError(`cannot read configuration file ${file}: ${err.code ?? String(err)}`, file);
        }
    }
    const pending = new Map(Object.entries(updates).map(([s, kv]) => [s, new Map(Object.entries(kv ?? {}))]));
    const out = [];
    let section = null;
    const flush = () => {
        const rest = section !== null ? pending.get(section) : undefined;
        if (!rest)
            return;
        // Keep a section's trailing blank lines after the keys we add.
        let blanks = 0;
        while (out.length > 0 && out[out.length - 1]?.trim() === '') {
            out.pop();
            blanks++;
        }
        for (const [k, v] of rest)
            out.push(`${k} = ${ini.safe(v)}`);
        rest.clear();
        for (let i = 0; i < blanks; i++)
            out.push('');
    };
    for (const line of lines) {
        const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
        if (header) {
            flush();
            section = header[1].trim();
            out.push(line);
            continue;
        }
        const kv = /^\s*([^=;#[\s][^=]*?)\s*=/.exec(line);
        const want = section !== null && kv ? pending.get(section)?.get(kv[1]) : undefined;
        if (want !== undefined && section !== null && kv) {
            out.push(`${kv[1]} = ${ini.safe(want)}`);
            pending.get(section)?.delete(kv[1]);
        }
        else {
            out.push(line);
        }
    }
    flush();
    for (const [s, rest] of pending) {
        if (rest.size === 0)
            continue;
        if (out.length > 0 && out[out.length - 1] !== '')
            out.push('');
        out.push(`[${s}]`);
        for (const [k, v] of rest)
            out.push(`${k} = ${ini.safe(v)}`);
    }
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        writeFileSync(tmp, `${out.join('\n')}\n`, { mode: 0o600 });
        chmodSync(tmp, 0o600); // exactly 0600 whatever the umask
        renameSync(tmp, file);
    }
    catch (err) {
        rmSync(tmp, { force: true });
        throw new ConfigError(`cannot write configuration file ${file}: ${err.code ?? String(err)}`, file);
    }
}
//# sourceMappingURL=config.js.map