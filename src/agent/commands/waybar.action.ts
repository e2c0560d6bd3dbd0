// The work behind `pacsync waybar` (see waybar.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { NetworkError } from '../api-client.js';
import { statusWords } from '../drift-words.js';
import { messageFor } from '../errors.js';
import { commandConfig, sessionFor } from '../session.js';

export interface WaybarOutput {
  text: string;
  tooltip: string;
  /** in_sync, behind, ahead, sync_pending, unknown, offline or error. */
  class: string;
  /** Share of the target's packages installed at the target version. */
  percentage: number;
}

export async function waybarStatus(cmd: Command): Promise<WaybarOutput> {
  try {
    const session = sessionFor(commandConfig(cmd));
    const ep = await session.client.getEndpoint(session.endpointId);
    const s = (ep.package_summary ?? {}) as Record<string, number | undefined>;
    const target = s.target_packages ?? 0;
    const percentage = target > 0 ? Math.floor((100 * (s.in_sync ?? 0)) / target) : ep.sync_status === 'in_sync' ? 100 : 0;
    const missing = s.missing ?? 0;
    const behind = s.behind ?? 0;
    const ahead = s.ahead ?? 0;
    const text = statusWords(ep.sync_status, s);
    const tooltip = [
      `${ep.name}: ${ep.sync_status.replace('_', ' ')}`,
      `pool: ${ep.pool?.name ?? 'none'}`,
      ...(Object.keys(s).length > 0
        ? [`missing ${missing}, behind ${behind}, ahead ${ahead}, extra ${s.extra ?? 0}`, `${s.in_sync ?? 0} of ${target} target packages in sync`]
        : []),
      `last seen: ${ep.last_seen ?? 'never'}`,
    ].join('\n');
    return { text, tooltip, class: ep.sync_status, percentage };
  } catch (err) {
    const offline = err instanceof NetworkError;
    return { text: offline ? 'offline' : 'error', tooltip: messageFor(err), class: offline ? 'offline' : 'error', percentage: 0 };
  }
}

export async function runWaybar(cmd: Command): Promise<void> {
  process.stdout.write(`${JSON.stringify(await waybarStatus(cmd))}\n`);
}
