// `pacsync-admin events`: the audit log (/events), newest first, with its filters.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { action, addPaging, instant } from './support.js';

export function registerEventsCommand(program: Command): Command {
  return addPaging(
    program
      .command('events')
      .summary('the audit log, newest first (filters)')
      .option('--type <event_type>', 'only this event type (pool_created, endpoint_approved, …)')
      .addOption(new Option('--severity <severity>', 'only this severity').choices(['info', 'warning', 'error', 'critical']))
      .option('--pool <pool>', 'only events of this pool (name or id)')
      .option('--endpoint <endpoint>', 'only events of this endpoint (name or id)')
      .option('--since <time>', 'only events at or after this time (ISO-8601, or 30m, 12h, 7d ago)', (v) => {
        try {
          return instant(v);
        } catch (err) {
          throw new InvalidArgumentError((err as Error).message);
        }
      }),
  ).action(action(async (opts, cmd: Command) => (await import('./events.action.js')).listEvents(opts, cmd)));
}
