// `pacsync-server serve`: open the database, bring its schema up to date (or refuse), build the
// app, listen, and shut down gracefully on SIGTERM/SIGINT (in-flight requests finish, then the
// connection pool closes).
import { closeSync, openSync } from 'node:fs';
import { systemClock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { describeDatabaseError, isDatabaseError } from '../db/errors.js';
import { loadMigrations } from '../db/migration.js';
import { Migrator } from '../db/migrator.js';
import { buildApp } from './app.js';
import { StartupError, openConfiguredDatabase } from './open-database.js';
export { StartupError };
function loggerFor(config) {
    const file = config.logging.file;
    if (!file)
        return { level: config.logging.level };
    // pino opens the file asynchronously and would crash with a stack trace; check it first.
    try {
        closeSync(openSync(file, 'a'));
    }
    catch (err) {
        throw new StartupError(`cannot open log file ${file} (logging.file): ${err.code ?? err.message}`);
    }
    return { level: config.logging.level, file };
}
/** Brings the schema up to date (auto_migrate) or refuses to start with the pending versions. */
async function prepareSchema(database, config, log) {
    const migrator = new Migrator(database, await loadMigrations());
    let pending;
    try {
        pending = await migrator.pending();
    }
    catch (err) {
        if (isDatabaseError(err))
            throw new StartupError(`cannot reach database ${database.location}: ${describeDatabaseError(err)}`);
        throw err;
    }
    if (pending.length === 0)
        return;
    const versions = pending.map((m) => m.version).join(', ');
    if (!config.server.auto_migrate) {
        throw new StartupError(`database needs migration ${versions}; run "pacsync-server migrate --apply-all" or set [server] auto_migrate = true`);
    }
    for (const m of await migrator.applyAll())
        log(`applied migration ${m.version} (${m.description})`);
}
export async function startServer(config, options = {}) {
    const print = options.print ?? ((line) => console.log(line));
    for (const warning of config.warnings)
        console.error(`pacsync-server: warning: ${warning}`);
    const logger = loggerFor(config);
    const database = await openConfiguredDatabase(config);
    let app;
    try {
        await prepareSchema(database, config, print);
        app = await buildApp({ database, config, clock: systemClock, logger });
        await bootstrapAdminKey(app, config, print);
    }
    catch (err) {
        await database.destroy();
        throw err;
    }
    app.addHook('onClose', async () => {
        await database.destroy();
    });
    const { host, port } = config.server;
    try {
        await app.listen({ host, port });
    }
    catch (err) {
        await app.close();
        const code = err.code;
        const why = code === 'EADDRINUSE' ? 'address already in use' : code === 'EACCES' ? 'permission denied' : code === 'EADDRNOTAVAIL' ? 'address not available' : err.message;
        throw new StartupError(`cannot listen on ${host}:${port}: ${why}`);
    }
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const scheme = config.security.tls_cert ? 'https' : 'http';
    const wildcard = host === '0.0.0.0' || host === '::';
    const shownHost = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    const url = `${scheme}://${shownHost}:${actualPort}`;
    const where = database.dialect === 'sqlite' ? `SQLite ${database.location}` : `PostgreSQL ${database.location}`;
    print(`pacsync-server listening on ${url}${wildcard ? ' (all interfaces)' : ''}, database: ${where}`);
    return { app, database, url, close: () => app.close() };
}
/**
 * First start: without a usable admin key, PACSYNC_ADMIN_KEY becomes one, or a new key is
 * generated and printed ONCE on standard output (through `print`, never through the logger, so
 * it does not reach a log file). Later starts do nothing.
 */
async function bootstrapAdminKey(app, config, print) {
    let boot;
    try {
        boot = await app.deps.services.apiKeys.ensureAdminKey(config.admin_key ?? undefined);
    }
    catch (err) {
        await app.close();
        if (err instanceof DomainError)
            throw new StartupError(err.message);
        throw err;
    }
    if (!boot.created)
        return;
    if (boot.source === 'config') {
        print(`no admin key existed: PACSYNC_ADMIN_KEY is now the admin key (id ${boot.keyId})`);
    }
    else {
        print('no admin key existed: generated one. It is shown ONCE; store it now:');
        print(`  ${boot.key}`);
        print('(create more with "pacsync-server keys create --role admin --name NAME")');
    }
}
/** Closes the server on the first SIGTERM/SIGINT; a second signal exits at once. */
export function closeOnSignals(server, print = (l) => console.log(l)) {
    let closing = false;
    const onSignal = (signal) => {
        if (closing)
            process.exit(1);
        closing = true;
        print(`pacsync-server: ${signal} received, finishing requests and shutting down`);
        server.close().then(() => {
            print('pacsync-server: stopped');
            process.exitCode = 0;
        }, (err) => {
            console.error(`pacsync-server: error while shutting down: ${err.message}`);
            process.exitCode = 1;
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
}
//# sourceMappingURL=server.js.map