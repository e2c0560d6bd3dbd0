// A clock tests control: pass it wherever the code takes a Clock (buildApp, services, jobs) and
// move time with advance()/set() instead of sleeping.
import type { Clock } from '../../src/core/clock.js';

export interface FakeClock extends Clock {
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void;
  set(time: Date | string): void;
}

export function fakeClock(start: Date | string = '2024-01-15T10:00:00.000Z'): FakeClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new Error(`fakeClock: invalid start time ${String(start)}`);
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(time) {
      current = new Date(time).getTime();
    },
  };
}
