// Opening the configured database, shared by `serve` and the one-shot commands (migrate, db, keys)
// without loading the HTTP stack.
import { openDatabase } from '../db/database.js';
import { databaseOptions } from './config.js';
/** A start-up failure with a one-line, user-facing message. */
export class StartupError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StartupError';
    }
}
/** Opens the database described by config; failures become StartupErrors. */
export async function openConfiguredDatabase(config) {
    try {
        const options = databaseOptions(config);
        // A pooled connection dropped while idle (database restart) is replaced on next use; the
        // readiness check reports the outage, so nothing to do here beyond not crashing.
        if (options.dialect === 'pg')
            options.onIdleError = () => { };
        return openDatabase(options);
    }
    catch (err) {
        throw new StartupError(err.message);
    }
}
//# sourceMappingURL=open-database.js.map