// Events across server instances on one PostgreSQL (issue #15): every message is delivered to
// this instance's listeners at once (as LocalTransport does) and sent with NOTIFY to the others,
// which LISTEN on a dedicated connection and hand what they hear to their own listeners. A
// message names its origin instance, so an instance never delivers its own message twice.
//
// NOTIFY payloads are limited to 8000 bytes: a larger message is stored in notification_payloads
// (migration 009) and only its id is sent; a listener reads it back. Messages are small by design
// (ids and counts), so this is the exception.
//
// NOTIFY is not durable: a message sent while an instance's listening connection is down is lost
// to that instance's WebSocket clients, which is why clients re-read state after a reconnect. The
// listener reconnects by itself (backoff up to 5 s) and LISTENs again after a database restart.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { newId } from '../../db/dialect.js';
import type { Executor } from '../../db/executor.js';
import { LocalTransport, type Notification, type NotificationListener, type NotificationTransport } from './notifier.js';

export const NOTIFY_CHANNEL = 'pacsync_events';
/** Below PostgreSQL's 8000-byte limit, with room for the envelope. */
const MAX_INLINE_BYTES = 7000;
const MAX_BACKOFF_MS = 5000;
/** Stored payloads are read within milliseconds; anything older is garbage. */
const PAYLOAD_TTL_MS = 10 * 60_000;

type Wire = { o: string; n: Required<Notification> } | { o: string; ref: string };
// (What arrives is checked against this shape in received(): the channel is open to any database role.)

export interface PgNotifyLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export class PgNotifyTransport implements NotificationTransport {
  private readonly local: LocalTransport;
  /** Identifies this process's messages (instance names may repeat; this never does). */
  private readonly origin = randomUUID();
  private client: pg.Client | null = null;
  /** The connection being made or in use; events of any other are stale. */
  private current: pg.Client | null = null;
  private closed = false;
  private backoffMs = 250;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Keeps this instance's NOTIFYs in the order they were published. */
  private sending: Promise<void> = Promise.resolve();
  private readyResolve: (() => void) | null = null;
  /** Resolves once LISTEN is in place (again after a reconnect: see `listening`). */
  ready: Promise<void>;
  /** Whether the listening connection is up now (for /health/ready). */
  listening = false;
  /** How many times LISTEN was re-established after losing the connection. */
  reconnects = 0;

  constructor(
    private readonly url: string,
    private readonly db: Executor,
    private readonly log: PgNotifyLog = { warn: () => {}, info: () => {} },
  ) {
    this.local = new LocalTransport((err) => log.warn({ err }, 'a realtime listener failed'));
    this.ready = new Promise((resolve) => {
      this.readyResolve = resolve;
    });
    void this.connect();
  }

  publish(n: Required<Notification>): void {
    this.local.publish(n);
    if (this.closed) return;
    const inline = JSON.stringify({ o: this.origin, n } satisfies Wire);
    this.sending = this.sending
      .then(() => this.send(inline, n))
      .catch((err: unknown) => this.log.warn({ err }, 'could not send a realtime message to the other instances'));
  }

  subscribe(listener: NotificationListener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.sending;
    const c = this.client;
    this.client = null;
    this.listening = false;
    await c?.end().catch(() => undefined);
    await this.local.close();
  }

  private async send(inline: string, n: Required<Notification>): Promise<void> {
    let payload = inline;
    if (Buffer.byteLength(inline) > MAX_INLINE_BYTES) {
      const id = newId();
      await this.db
        .insertInto('notification_payloads')
        .values({ id, payload: JSON.stringify(n), created_at: new Date().toISOString() })
        .execute();
      payload = JSON.stringify({ o: this.origin, ref: id } satisfies Wire);
      // Old ones are garbage by now (every listener read them within milliseconds).
      await this.db
        .deleteFrom('notification_payloads')
        .where('created_at', '<', new Date(Date.now() - PAYLOAD_TTL_MS).toISOString())
        .execute();
    }
    await sql`SELECT pg_notify(${NOTIFY_CHANNEL}, ${payload})`.execute(this.db);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, application_name: 'pacsync-server events' });
    this.current = client;
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    client.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL && msg.payload) void this.received(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (err) {
      this.lost(client, err as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.reconnects > 0 || !this.listening) this.log.info({ reconnects: this.reconnects }, 'listening for events of the other instances');
    this.listening = true;
    this.backoffMs = 250;
    this.readyResolve?.();
  }

  private lost(client: pg.Client, err: Error | null): void {
    if (client !== this.current) return; // an older connection's late news: a newer one is on its way
    this.current = null;
    const wasListening = this.client === client;
    this.client = null;
    this.listening = false;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed || this.reconnectTimer) return;
    if (wasListening) {
      this.reconnects += 1;
      this.log.warn({ err: err?.message }, 'lost the events connection to PostgreSQL; reconnecting');
      this.ready = new Promise((resolve) => {
        this.readyResolve = resolve;
      });
    }
    const wait = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, wait);
    this.reconnectTimer.unref();
  }

  /**
   * A message heard on the channel. Anyone who can connect to the database may NOTIFY on it, so
   * what arrives is checked for shape and nothing it holds can throw out of here (an unhandled
   * rejection would end the process).
   */
  private async received(payload: string): Promise<void> {
    try {
      const wire = JSON.parse(payload) as unknown;
      if (!isObject(wire) || typeof wire.o !== 'string' || wire.o === this.origin) return;
      let n: unknown;
      if (typeof wire.ref === 'string') {
        const row = await this.db.selectFrom('notification_payloads').select('payload').where('id', '=', wire.ref).executeTakeFirst();
        n = row ? (JSON.parse(row.payload) as unknown) : undefined;
      } else n = wire.n;
      if (isNotification(n)) this.local.publish(n);
    } catch (err) {
      this.log.warn({ err: (err as Error | null)?.message ?? String(err) }, 'ignored an unreadable realtime message from the database');
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNotification(v: unknown): v is Required<Notification> {
  return (
    isObject(v) &&
    typeof v.type === 'string' &&
    Array.isArray(v.channels) &&
    v.channels.every((c) => typeof c === 'string') &&
    isObject(v.data) &&
    typeof v.timestamp === 'string'
  );
}
