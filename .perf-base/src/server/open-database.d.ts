import { type DatabaseHandle } from '../db/database.js';
import { type ServerConfig } from './config.js';
/** A start-up failure with a one-line, user-facing message. */
export declare class StartupError extends Error {
    constructor(message: string);
}
/** Opens the database described by config; failures become StartupErrors. */
export declare function openConfiguredDatabase(config: ServerConfig): Promise<DatabaseHandle>;
