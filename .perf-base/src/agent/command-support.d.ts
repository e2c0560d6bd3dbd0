import type { OperationView } from '../contracts/operation.contract.js';
import { ReportQueue } from './daemon/report-queue.js';
import type { Session } from './session.js';
import type { StopSignals } from './stop-signals.js';
/** `a,b c` → ['a','b','c'], each a package name (or a glob when `globs`); bad ones name the option. */
export declare function parseNameList(value: string | undefined, option: string, opts?: {
    globs?: boolean;
}): string[] | undefined;
export declare function queueOf(session: Session): ReportQueue;
/**
 * Replays reports an earlier run could not deliver. An unreachable server is not an error here
 * (the command's own request will say so); a refused item is dropped with a warning.
 */
export declare function flushQueue(session: Session, warn: (line: string) => void): Promise<void>;
/** Writes a warning line on stderr. */
export declare function warn(line: string): void;
/** Throws when a stop signal came before the server was asked for anything: nothing changed. */
export declare function stopIfAsked(stops: StopSignals): void;
/**
 * Runs an operation the server just planned for this command, with the command's output mode.
 * With `stops`, a signal stops it safely (operation-runner.ts) and the command exits non-zero even
 * when the pacman transaction it let finish was the last step.
 */
export declare function runPlannedOperation(session: Session, answer: {
    operation: OperationView;
    plan: unknown;
}, opts: {
    json?: boolean;
    yes?: boolean;
}, stops?: StopSignals): Promise<void>;
