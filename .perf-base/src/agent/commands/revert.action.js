import { flushQueue, runPlannedOperation, stopIfAsked, warn } from '../command-support.js';
import { CliError } from '../errors.js';
import { captureState, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor } from '../session.js';
import { catchStopSignals } from '../stop-signals.js';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export async function runRevert(opts, cmd) {
    if (opts.stateId !== undefined && !UUID.test(opts.stateId))
        throw new CliError(`--state-id: '${opts.stateId}' is not a state id (a UUID)`);
    // Ctrl-C from here on stops cleanly (see stop-signals.ts).
    const stops = catchStopSignals();
    try {
        const session = sessionFor(commandConfig(cmd), { signal: stops.signal });
        await flushQueue(session, warn);
        await submitCapture(session.client, session.endpointId, { state: await captureState(session.ctx) });
        stopIfAsked(stops);
        const answer = await session.client.revert(session.endpointId, {
            dry_run: opts.dryRun === true,
            ...(opts.stateId !== undefined ? { target_state_id: opts.stateId } : {}),
        });
        await runPlannedOperation(session, answer, opts, stops);
    }
    finally {
        stops.dispose();
    }
}
//# sourceMappingURL=revert.action.js.map