import { NetworkError } from '../api-client.js';
import { messageFor } from '../errors.js';
import { commandConfig, sessionFor } from '../session.js';
export async function waybarStatus(cmd) {
    try {
        const session = sessionFor(commandConfig(cmd));
        const ep = await session.client.getEndpoint(session.endpointId);
        const s = (ep.package_summary ?? {});
        const target = s.target_packages ?? 0;
        const percentage = target > 0 ? Math.floor((100 * (s.in_sync ?? 0)) / target) : ep.sync_status === 'in_sync' ? 100 : 0;
        const missing = s.missing ?? 0;
        const behind = s.behind ?? 0;
        const ahead = s.ahead ?? 0;
        const text = ep.sync_status === 'in_sync'
            ? 'in sync'
            : ep.sync_status === 'behind'
                ? `${missing + behind} behind`
                : ep.sync_status === 'ahead'
                    ? `${ahead} ahead`
                    : ep.sync_status === 'sync_pending'
                        ? 'syncing'
                        : 'unknown';
        const tooltip = [
            `${ep.name}: ${ep.sync_status.replace('_', ' ')}`,
            `pool: ${ep.pool?.name ?? 'none'}`,
            ...(Object.keys(s).length > 0
                ? [`missing ${missing}, behind ${behind}, ahead ${ahead}, extra ${s.extra ?? 0}`, `${s.in_sync ?? 0} of ${target} target packages in sync`]
                : []),
            `last seen: ${ep.last_seen ?? 'never'}`,
        ].join('\n');
        return { text, tooltip, class: ep.sync_status, percentage };
    }
    catch (err) {
        const offline = err instanceof NetworkError;
        return { text: offline ? 'offline' : 'error', tooltip: messageFor(err), class: offline ? 'offline' : 'error', percentage: 0 };
    }
}
export async function runWaybar(cmd) {
    process.stdout.write(`${JSON.stringify(await waybarStatus(cmd))}\n`);
}
//# sourceMappingURL=waybar.action.js.map