// The work behind `pacsync revert` (see revert.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { isUuid } from '../../core/names.js';
import { planFromNowAndRun } from '../command-support.js';
import { CliError } from '../errors.js';
import type { RevertCommandOptions } from './revert.command.js';

export async function runRevert(opts: RevertCommandOptions, cmd: Command): Promise<void> {
  if (opts.stateId !== undefined && !isUuid(opts.stateId)) throw new CliError(`--state-id: '${opts.stateId}' is not a state id (a UUID)`);
  await planFromNowAndRun(cmd, opts, (session) =>
    session.client.revert(session.endpointId, {
      dry_run: opts.dryRun === true,
      ...(opts.stateId !== undefined ? { target_state_id: opts.stateId } : {}),
    }),
  );
}
