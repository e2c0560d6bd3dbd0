// Progress of a running operation, sent to the server (POST /operations/{id}/progress) while
// pacman works — never holding pacman up.
import { randomUUID } from 'node:crypto';
import type { ApiClient } from './api-client.js';

/**
 * Posts progress without holding up pacman: at most one request in flight and at most one every
 * PROGRESS_INTERVAL_MS (a large upgrade must not hit the server's rate limit), the newest value
 * winning; flush() sends the last one at once.
 */
const PROGRESS_INTERVAL_MS = 500;

export class ProgressReporter {
  private inFlight: Promise<void> | null = null;
  private next: { progress: number; step: string; current?: string } | null = null;
  private lastKey = '';
  private lastSent = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: ApiClient,
    private readonly opId: string,
  ) {}

  report(progress: number, step: string, current?: string): void {
    const p = Math.max(0, Math.min(100, Math.floor(progress)));
    const key = `${p} ${step}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.next = { progress: p, step, ...(current !== undefined ? { current } : {}) };
    this.pump(false);
  }

  private pump(now: boolean): void {
    if (this.inFlight !== null || this.next === null) return;
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
      .progress(
        this.opId,
        {
          progress: n.progress,
          step: n.step.slice(0, 200),
          ...(n.current !== undefined && /^[a-z0-9@_+][a-z0-9@._+-]*$/.test(n.current) ? { current_package: n.current } : {}),
        },
        { idempotencyKey: randomUUID() },
      )
      .then(
        () => undefined,
        () => undefined, // progress is advisory; the outcome is what must arrive
      )
      .finally(() => {
        this.inFlight = null;
        this.pump(false);
      });
  }

  /** Sends what is pending now and waits for it. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (this.inFlight !== null) {
        await this.inFlight;
        continue;
      }
      if (this.next === null) return;
      this.pump(true);
    }
  }
}
