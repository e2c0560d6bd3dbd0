export interface LockOptions {
    /** A lock untouched for longer than this is stale whatever its process (default: never by age). */
    staleMs?: number;
}
export interface Lock {
    release(): void;
    /** Marks the lock as still in use (a holder that keeps it for long, against `staleMs`). */
    touch(): void;
}
/** One attempt to take the lock: the lock, or the holder's pid when it is held (0: unknown). */
export declare function tryLock(file: string, opts?: LockOptions): Lock | {
    heldBy: number;
};
/**
 * Runs `fn` holding the lock `file`, waiting up to `timeoutMs` (default 10 s) for it; then a
 * CliError naming the file and the process holding it.
 */
export declare function withLockSync<T>(file: string, fn: () => T, opts?: LockOptions & {
    timeoutMs?: number;
}): T;
