import type { ApiClient } from './api-client.js';
export declare class ProgressReporter {
    private readonly client;
    private readonly opId;
    private inFlight;
    private next;
    private lastKey;
    private lastSent;
    private timer;
    constructor(client: ApiClient, opId: string);
    report(progress: number, step: string, current?: string): void;
    private pump;
    /** Sends what is pending now and waits for it. */
    flush(): Promise<void>;
}
