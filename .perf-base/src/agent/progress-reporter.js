/**
 * Posts progress without holding up pacman: at most one request in flight and at most one every
 * PROGRESS_INTERVAL_MS (a large upgrade must not hit the server's rate limit), the newest value
 * winning; flush() sends the last one at once.
 */
const PROGRESS_INTERVAL_MS = 500;
export class ProgressReporter {
    client;
    opId;
    inFlight = null;
    next = null;
    lastKey = '';
    lastSent = 0;
    timer = null;
    constructor(client, opId) {
        this.client = client;
        this.opId = opId;
    }
    report(progress, step, current) {
        const p = Math.max(0, Math.min(100, Math.floor(progress)));
        const key = `${p} ${step}`;
        if (key === this.lastKey)
            return;
        this.lastKey = key;
        this.next = { progress: p, step, ...(current !== undefined ? { current } : {}) };
        this.pump(false);
    }
    pump(now) {
        if (this.inFlight !== null || this.next === null)
            return;
        const wait = this.lastSent + PROGRESS_INTERVAL_MS - Date.now();
        if (!now && wait > 0) {
            this.timer ??= setTimeout(() => {
                this.timer = null;
                this.pump(true);
            }, wait);
            return;
        }
        const n = this.next;
        this.next = null;
        this.lastSent = Date.now();
        this.inFlight = this.client
            .progress(this.opId, {
            progress: n.progress,
            step: n.step.slice(0, 200),
            ...(n.current !== undefined && /^[a-z0-9@_+][a-z0-9@._+-]*$/.test(n.current) ? { current_package: n.current } : {}),
        })
            .then(() => undefined, () => undefined)
            .finally(() => {
            this.inFlight = null;
            this.pump(false);
        });
    }
    /** Sends what is pending now and waits for it. */
    async flush() {
        for (;;) {
            if (this.timer !== null) {
                clearTimeout(this.timer);
                this.timer = null;
            }
            if (this.inFlight !== null) {
                await this.inFlight;
                continue;
            }
            if (this.next === null)
                return;
            this.pump(true);
        }
    }
}
//# sourceMappingURL=progress-reporter.js.map