// `pacsync waybar`: one line of JSON for a Waybar custom module (`"return-type": "json"`):
// `{text, tooltip, class, percentage}`. Always valid JSON and exit 0 — Waybar shows the output of a
// failing command as nothing at all — so problems become the class: `offline` when the server
// cannot be reached, `error` for anything else (configuration, key, server errors).
import type { Command } from 'commander';

export function registerWaybarCommand(program: Command): Command {
  return program
    .command('waybar')
    .summary('print the sync status as Waybar JSON')
    .description('Print {text, tooltip, class, percentage} for a Waybar custom module (always valid JSON, exit 0).')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runWaybar } = await import('./waybar.action.js');
      await runWaybar(cmd);
    });
}
