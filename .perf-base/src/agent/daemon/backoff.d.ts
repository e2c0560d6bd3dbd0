export declare class Backoff {
    private readonly baseMs;
    private readonly maxMs;
    private readonly now;
    private failures;
    private until;
    constructor(baseMs: number, maxMs: number, now?: () => number);
    /** Records a failure; returns the wait before the next attempt. */
    fail(): number;
    succeed(): void;
    /** Whether an attempt may be made now. */
    ready(): boolean;
    /** Milliseconds until ready (0 when ready). */
    remaining(): number;
    get failing(): boolean;
}
