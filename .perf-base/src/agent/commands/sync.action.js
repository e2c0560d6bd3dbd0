import { flushQueue, parseNameList, runPlannedOperation, stopIfAsked, warn } from '../command-support.js';
import { captureState, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor } from '../session.js';
import { catchStopSignals } from '../stop-signals.js';
export async function runSync(opts, cmd) {
    const packages = parseNameList(opts.packages, '--packages');
    const exclude = parseNameList(opts.exclude, '--exclude', { globs: true });
    // Ctrl-C from here on stops cleanly (see stop-signals.ts).
    const stops = catchStopSignals();
    try {
        const session = sessionFor(commandConfig(cmd), { signal: stops.signal });
        await flushQueue(session, warn);
        // The server plans from the last report: make it this very moment's state.
        await submitCapture(session.client, session.endpointId, { state: await captureState(session.ctx) });
        stopIfAsked(stops);
        const answer = await session.client.sync(session.endpointId, {
            dry_run: opts.dryRun === true,
            force: opts.force === true,
            ...(packages ? { packages } : {}),
            ...(exclude ? { exclude } : {}),
        });
        await runPlannedOperation(session, answer, opts, stops);
    }
    finally {
        stops.dispose();
    }
}
//# sourceMappingURL=sync.action.js.map