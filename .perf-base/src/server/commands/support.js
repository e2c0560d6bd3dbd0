import { describeDatabaseError, isConnectionError, isDatabaseError } from '../../db/errors.js';
import { ConfigError, loadConfig } from '../config.js';
import { openConfiguredDatabase } from '../open-database.js';
export function addConfigOption(cmd) {
    return cmd.option('-c, --config <file>', 'configuration file (default /etc/pacman-sync/server.conf when present)');
}
export function loadCliConfig(flags) {
    const config = loadConfig({ flags });
    return config;
}
/** Prints `pacsync-server: <message>` on stderr and sets the exit code. */
export function reportFailure(err) {
    let message;
    if (isDatabaseError(err))
        message = `database error: ${describeDatabaseError(err)}`;
    else if (err instanceof Error)
        message = err.message;
    else
        message = String(err);
    process.stderr.write(`pacsync-server: ${message.replace(/\s+/g, ' ').trim()}\n`);
    process.exitCode = err instanceof ConfigError ? 2 : 1;
}
/** Wraps a commander action so failures follow the one-line rule. */
export function action(fn) {
    return async (...args) => {
        try {
            await fn(...args);
        }
        catch (err) {
            reportFailure(err);
        }
    };
}
/** Runs fn with the configured database open, printing config warnings first; always closes it. */
export async function withDatabase(config, fn) {
    for (const warning of config.warnings)
        process.stderr.write(`pacsync-server: warning: ${warning}\n`);
    const database = await openConfiguredDatabase(config);
    try {
        return await fn(database);
    }
    catch (err) {
        if (isConnectionError(err))
            throw new Error(`cannot reach database ${database.location}: ${describeDatabaseError(err)}`);
        throw err;
    }
    finally {
        await database.destroy();
    }
}
//# sourceMappingURL=support.js.map