import type { DatabaseHandle } from '../db/database.js';
import { type App } from './app.js';
import type { ServerConfig } from './config.js';
import { StartupError } from './open-database.js';
export { StartupError };
export interface RunningServer {
    app: App;
    database: DatabaseHandle;
    /** The URL to reach the server, e.g. http://localhost:8080. */
    url: string;
    close(): Promise<void>;
}
export declare function startServer(config: ServerConfig, options?: {
    print?: (line: string) => void;
}): Promise<RunningServer>;
/** Closes the server on the first SIGTERM/SIGINT; a second signal exits at once. */
export declare function closeOnSignals(server: RunningServer, print?: (line: string) => void): void;
