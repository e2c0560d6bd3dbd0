// PostgreSQL backup and restore through PostgreSQL's own tools (pg_dump / pg_restore from PATH),
// custom format (the seed's `--format=custom`). The password never appears on a command line or
// in output: the tools get the URL without it and the password in PGPASSWORD (their environment
// is not visible to other users, unlike their arguments).
//
// Restore checks the file before touching the database (`pg_restore --list` reads its table of
// contents, then a restore into /dev/null reads every data block, so a truncated file fails there)
// and then restores with `--single-transaction`: any error rolls everything back, leaving the
// database as it was. `--force` adds `--clean --if-exists` (drop what the backup contains first,
// in the same transaction). Objects are owned by the configured user (`--no-owner
// --no-privileges`), so a backup restores under another role too.
import { execFile } from 'node:child_process';
import { chmodSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

export const PG_CUSTOM_HEADER = 'PGDMP';

interface Connection {
  /** The URL without its password (safe in argv). */
  dbname: string;
  env: NodeJS.ProcessEnv;
  password: string | null;
}

function connection(url: string): Connection {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password !== null) env.PGPASSWORD = password;
  return { dbname: u.toString(), env, password };
}

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a PostgreSQL tool; failures become one-line errors naming it (secrets scrubbed). */
function run(tool: 'pg_dump' | 'pg_restore', args: string[], conn: Connection | null, describe: (stderr: string) => string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { env: conn?.env ?? process.env, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) {
        resolve({ stdout, stderr });
        return;
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new Error(
            `${tool} not found on PATH: install the PostgreSQL client tools (Debian/Arch: ` +
              `postgresql-client / postgresql) of at least the server's version`,
          ),
        );
        return;
      }
      let text = describe(stderr);
      if (conn?.password) text = text.split(conn.password).join('***');
      reject(new Error(text));
    });
  });
}

/** stderr's error lines, joined: "pg_dump: error: …; pg_dump: detail: …". */
function errorLines(stderr: string, tool: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/: warning: /.test(l));
  return lines.length > 0 ? lines.slice(0, 4).join('; ') : `${tool} failed`;
}

/** pg_dump refuses a server newer than itself: say which versions and what to install. */
function describeDumpError(stderr: string): string {
  if (/server version mismatch/i.test(stderr)) {
    const server = /server version: ([^;\s]+)/.exec(stderr)?.[1] ?? 'newer';
    const dump = /pg_dump version: ([^;\s]+)/.exec(stderr)?.[1] ?? 'older';
    return (
      `pg_dump ${dump} cannot back up a PostgreSQL ${server} server (server version mismatch): install ` +
      `the PostgreSQL ${server.split('.')[0]} client tools and put their pg_dump first on PATH`
    );
  }
  return `pg_dump failed: ${errorLines(stderr, 'pg_dump')}`;
}

function describeRestoreFileError(file: string): (stderr: string) => string {
  return (stderr) => {
    if (/unsupported version .* in file header/i.test(stderr)) {
      return (
        `${file} was written by a newer pg_dump than this pg_restore understands ` +
        `(${errorLines(stderr, 'pg_restore')}): use the pg_restore of the PostgreSQL version that made it, or newer`
      );
    }
    return `${file} cannot be restored: ${errorLines(stderr, 'pg_restore')}`;
  };
}

export async function backupPostgres(url: string, out: string): Promise<void> {
  const conn = connection(url);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.partial-${process.pid}-${Date.now().toString(36)}`);
  try {
    await run('pg_dump', ['--format=custom', '--compress=9', `--file=${tmp}`, `--dbname=${conn.dbname}`], conn, describeDumpError);
    chmodSync(tmp, 0o600); // it holds the key hashes
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Checks the whole file without a database: its table of contents, then every data block. */
export async function checkPostgresBackup(file: string): Promise<void> {
  const describe = describeRestoreFileError(file);
  await run('pg_restore', ['--list', file], null, describe);
  await run('pg_restore', ['--file=/dev/null', file], null, describe);
}

export async function restorePostgres(url: string, file: string, opts: { force: boolean }): Promise<void> {
  const conn = connection(url);
  const args = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${conn.dbname}`];
  if (opts.force) args.push('--clean', '--if-exists');
  await run(
    'pg_restore',
    [...args, file],
    conn,
    (stderr) => `restore failed, the database is unchanged (one transaction, rolled back): ${errorLines(stderr, 'pg_restore')}`,
  );
}
