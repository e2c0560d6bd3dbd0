// dist/src/agent/commands/waybar.command.js
function registerWaybarCommand(program) {
  return program.command("waybar").summary("print the sync status as Waybar JSON").description("Print {text, tooltip, class, percentage} for a Waybar custom module (always valid JSON, exit 0).").action(async (_opts, cmd) => {
    const { runWaybar } = await import("./waybar.action-BZF42NZH.js");
    await runWaybar(cmd);
  });
}
export {
  registerWaybarCommand
};
