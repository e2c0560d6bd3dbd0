// Exponential back-off with a cap, for the daemon's retries while the server is unreachable:
// 1 s, 2 s, 4 s, … up to `maxMs`, back to nothing after the first success.
export class Backoff {
  private failures = 0;
  private until = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a failure; returns the wait before the next attempt. */
  fail(): number {
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    this.until = this.now() + delay;
    return delay;
  }

  succeed(): void {
    this.failures = 0;
    this.until = 0;
  }

  /** Whether an attempt may be made now. */
  ready(): boolean {
    return this.now() >= this.until;
  }

  /** Milliseconds until ready (0 when ready). */
  remaining(): number {
    return Math.max(0, this.until - this.now());
  }

  get failing(): boolean {
    return this.failures > 0;
  }
}
