export interface StopSignals {
    /** Aborted at the first SIGINT/SIGTERM. */
    readonly signal: AbortSignal;
    /** The signal received first (`SIGINT`), or null. */
    reason(): string | null;
    /** Removes the handlers (Node's default behaviour returns). */
    dispose(): void;
}
/** Installs the handlers; `say` writes one line (default: stderr, which --json leaves free). */
export declare function catchStopSignals(say?: (line: string) => void): StopSignals;
