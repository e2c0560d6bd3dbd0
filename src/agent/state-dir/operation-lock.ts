// "The agent is changing packages right now": a lock file in the state directory
// (`<state dir>/operation.lock`, file-lock.ts) held by whoever runs a sync or revert — `pacsync
// sync`/`revert` or the daemon — from its preparation to its last pacman step. The pacman hook
// (commands/hook.action.ts) looks at it: a transaction the agent started itself is reported with
// the operation's result, so the hook must not report it a second time in the middle.
import path from 'node:path';
import { lockHolder, tryLock, type Lock } from './file-lock.js';

export const OPERATION_LOCK = 'operation.lock';

/**
 * Takes the lock for the operation about to run, or null when another agent process holds it
 * (two operations at once: pacman's own db.lck decides which runs; the hook stays quiet for both).
 */
export function takeOperationLock(stateDir: string): Lock | null {
  const got = tryLock(path.join(stateDir, OPERATION_LOCK));
  return 'release' in got ? got : null;
}

/** The pid of the agent process running an operation, or null when none is. */
export function operationRunning(stateDir: string): number | null {
  return lockHolder(path.join(stateDir, OPERATION_LOCK));
}
