// `pacsync-admin keys list|create|revoke`: API keys over /keys (admin keys only). A created key's
// secret is printed once, as the API answers it once.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { action, instant, uuid, wholeNumber } from './support.js';

export function registerKeysCommand(program: Command): Command {
  const keys = program
    .command('keys')
    .summary('list, create and revoke API keys')
    .description('API keys (never shown again after creation; lists never show secrets).');
  const run = async () => import('./keys.action.js');
  keys
    .command('list')
    .summary('active keys (--all: revoked and expired too)')
    .option('--all', 'include revoked and expired keys')
    .addOption(new Option('--role <role>', 'only this role').choices(['admin', 'read', 'enroll', 'endpoint']))
    .action(action(async (opts, cmd: Command) => (await run()).listKeys(opts, cmd)));
  keys
    .command('create')
    .summary('create a key; its secret is printed once')
    .addOption(new Option('--role <role>', 'what the key may do').choices(['admin', 'read', 'enroll', 'endpoint']).makeOptionMandatory())
    .requiredOption('--name <name>', 'what the key is for (shown in lists and the audit log)')
    .option('--pool <pool>', 'enroll keys: register into this pool only (name or id)')
    .option('--endpoint <endpoint>', 'endpoint keys: the endpoint (name or id; its previous key is revoked)')
    .option('--expires <time>', 'expiry (ISO-8601 date or time)', (v) => {
      try {
        return instant(v);
      } catch (err) {
        throw new InvalidArgumentError((err as Error).message);
      }
    })
    .option('--auto-approve', 'enroll keys: endpoints they register are approved at once')
    .option('--max-uses <n>', 'enroll keys: how many endpoints they may register', wholeNumber(1, 1_000_000))
    .action(action(async (opts, cmd: Command) => (await run()).createKey(opts, cmd)));
  keys
    .command('revoke')
    .summary('revoke a key (the last active admin key cannot be revoked)')
    .argument('<id>', 'key id (keys list shows them)', uuid)
    .action(action(async (id: string, _o, cmd: Command) => (await run()).revokeKey(id, cmd)));
  return keys;
}
