// Exponential back-off with a cap, for the daemon's retries while the server is unreachable:
// 1 s, 2 s, 4 s, … up to `maxMs`, back to nothing after the first success.
export class Backoff {
    baseMs;
    maxMs;
    now;
    failures = 0;
    until = 0;
    constructor(baseMs, maxMs, now = Date.now) {
        this.baseMs = baseMs;
        this.maxMs = maxMs;
        this.now = now;
    }
    /** Records a failure; returns the wait before the next attempt. */
    fail() {
        const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
        this.failures++;
        this.until = this.now() + delay;
        return delay;
    }
    succeed() {
        this.failures = 0;
        this.until = 0;
    }
    /** Whether an attempt may be made now. */
    ready() {
        return this.now() >= this.until;
    }
    /** Milliseconds until ready (0 when ready). */
    remaining() {
        return Math.max(0, this.until - this.now());
    }
    get failing() {
        return this.failures > 0;
    }
}
//# sourceMappingURL=backoff.js.map