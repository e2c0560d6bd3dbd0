// Recognising driver errors without caring which engine raised them. Services use the
// is*Violation checks to turn a constraint into a DomainError; the server's error handler uses
// isDatabaseError to answer 500 DATABASE_ERROR, and describeDatabaseError for a reason that is
// safe to show (no SQL, no host names, no passwords).

interface DriverError {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  severity?: unknown;
}

function fields(err: unknown): DriverError {
  return err !== null && typeof err === 'object' ? (err as DriverError) : {};
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

// pg and pg-pool raise plain Errors for these.
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

/** True for a PostgreSQL SQLSTATE error (pg's DatabaseError) or a better-sqlite3 SqliteError. */
function isDriverError(err: unknown): boolean {
  const { code, name, severity } = fields(err);
  if (name === 'SqliteError') return true;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string';
}

export function isConnectionError(err: unknown): boolean {
  const { code, name, message } = fields(err);
  if (name === 'DatabaseTimeoutError') return true;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || code.startsWith('57P'))) return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.some((m) => message.startsWith(m));
}

export function isDatabaseError(err: unknown): boolean {
  return isDriverError(err) || isConnectionError(err);
}

/**
 * The database's disk (or quota) is full: SQLite's SQLITE_FULL (and a write that failed with
 * ENOSPC), PostgreSQL's disk_full (53100). Nothing was written; space must be freed.
 */
export function isStorageFull(err: unknown): boolean {
  const { code, message } = fields(err);
  if (code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC') return true;
  return typeof code === 'string' && code.startsWith('SQLITE_IOERR') && typeof message === 'string' && /disk is full|no space/i.test(message);
}

export function isUniqueViolation(err: unknown): boolean {
  const { code } = fields(err);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const { code } = fields(err);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

const RETRYABLE_CODES = new Set(['40001', '40P01', '55P03', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);

/**
 * A transaction that lost a race with another: a PostgreSQL deadlock (40P01), serialization
 * failure (40001) or lock timeout (55P03), or SQLite's write lock held past busy_timeout. Not the
 * caller's fault, nor the server's: worth retrying.
 */
export function isRetryableConflict(err: unknown): boolean {
  const { code } = fields(err);
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** A short reason for users and health checks, e.g. "connection refused". Never SQL or secrets. */
export function describeDatabaseError(err: unknown): string {
  const { code, name, message } = fields(err);
  const msg = typeof message === 'string' ? message : '';
  if (name === 'DatabaseTimeoutError') return msg;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection lost';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case '28P01':
    case '28000':
      return 'authentication failed';
    case '3D000':
      return 'database does not exist';
    case '57P01':
    case '57P02':
      return 'database server is shutting down';
    case '57P03':
      return 'database server is starting up';
    case '53300':
      return 'too many connections';
    case 'SQLITE_BUSY':
      return 'database is locked';
    case 'SQLITE_READONLY':
      return 'database is read-only';
    case 'SQLITE_FULL':
    case '53100':
    case 'ENOSPC':
      return 'disk full';
    case 'SQLITE_CANTOPEN':
      return 'cannot open database file';
    default:
      break;
  }
  if (msg.startsWith('timeout exceeded when trying to connect')) return 'connection timed out';
  if (msg.startsWith('Connection terminated')) return 'connection lost';
  if (isConnectionError(err)) return 'connection failed';
  return 'query failed';
}
