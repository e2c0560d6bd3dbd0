// The work behind `pacsync revert` (see revert.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { isUuid } from '../../core/names.js';
import { syncFromCommand } from '../sync/sync-command.js';
import type { Session } from '../session.js';
import { CliError } from '../errors.js';

export interface RevertCommandOptions {
  stateId?: string;
  target?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

export async function runRevert(opts: RevertCommandOptions, cmd: Command): Promise<void> {
  if (opts.stateId !== undefined && !isUuid(opts.stateId)) throw new CliError(`--state-id: '${opts.stateId}' is not a state id (a UUID)`);
  let checked = false;
  await syncFromCommand(cmd, 'revert', opts, async (session, dryRun) => {
    if (opts.stateId !== undefined && !checked) await checkOwnState(session, opts.stateId, opts.target === true);
    checked = true;
    return session.client.revert(session.endpointId, {
      dry_run: dryRun,
      ...(opts.stateId !== undefined ? { target_state_id: opts.stateId } : {}),
    });
  });
}

/**
 * A revert goes back to one of this machine's own states. A pool target is another machine's
 * package set: converging to it is a deliberate choice (`--target`), not a typo in an id.
 */
async function checkOwnState(session: Session, id: string, targetAllowed: boolean): Promise<void> {
  const state = await session.client.getState(id);
  if (state.endpoint_id === session.endpointId) return;
  const target = state.kind === 'target' || state.is_target;
  if (targetAllowed && target) return;
  const what = target ? `a target of the pool (set by ${state.created_by ?? 'another machine'})` : "another machine's state";
  throw new CliError(
    `--state-id ${id} is not one of this machine's own states: it ` +
      `is ${what}; ${target ? 'pass --target to converge to it anyway, or ' : ''}see "pacsync states" for this machine's own`,
  );
}
