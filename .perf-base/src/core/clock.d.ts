export interface Clock {
    now(): Date;
}
export declare const systemClock: Clock;
