import { ConfigError } from '../errors.js';
function checkUrl(url, key) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new ConfigError(`[pacman] ${key}: '${url}' is not a URL`, undefined, key);
    }
    if (!['http:', 'https:', 'file:'].includes(u.protocol)) {
        throw new ConfigError(`[pacman] ${key}: '${url}' is not an http(s) or file URL`, undefined, key);
    }
    return url.replace(/\/+$/, '');
}
/**
 * The executor context for `config`. The `archive_mirrors` URLs (a list key the configuration
 * loader only splits) are checked here: a bad one is a ConfigError naming the key.
 */
export function executorContext(config, extra = {}) {
    const p = config.pacman;
    const mirrors = [...p.archiveMirrors, ...(extra.pacman?.archiveMirrors ?? [])].map((m) => checkUrl(m, 'archive_mirrors'));
    return {
        timeoutMs: config.server.timeout * 1000,
        exclude: config.client.exclude,
        ...extra,
        pacman: {
            command: p.command,
            root: p.root,
            dbpath: p.dbpath,
            configPath: p.configPath,
            cacheDir: p.cacheDir,
            useSudo: p.useSudo,
            archiveUrl: p.archiveUrl,
            ...extra.pacman,
            archiveMirrors: mirrors,
        },
    };
}
/** The archive bases to try, in order. */
export function archiveBases(ctx) {
    const bases = [ctx.pacman.archiveUrl, ...(ctx.pacman.archiveMirrors ?? [])].filter((b) => typeof b === 'string' && b !== '');
    return [...new Set(bases.map((b) => b.replace(/\/+$/, '')))];
}
//# sourceMappingURL=executor-context.js.map