export function registerWaybarCommand(program) {
    return program
        .command('waybar')
        .summary('print the sync status as Waybar JSON')
        .description('Print {text, tooltip, class, percentage} for a Waybar custom module (always valid JSON, exit 0).')
        .action(async (_opts, cmd) => {
        const { runWaybar } = await import('./waybar.action.js');
        await runWaybar(cmd);
    });
}
//# sourceMappingURL=waybar.command.js.map