// GET /health/live and /health/ready (registered at the root and under /api/v1). Public.
// live never touches the database; ready does one round trip and checks that no migration is
// pending, answering 503 with the reason when either fails (a load balancer takes the instance
// out until the database is back; the pool reconnects by itself, no restart needed).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Envelope, ErrorEnvelope } from '../../contracts/common.contract.js';
import { type DatabaseHealth, LiveData, type MigrationHealth, type NotReadyDetails, ReadyData } from '../../contracts/health.contract.js';
import { describeDatabaseError } from '../../db/errors.js';
import { errorBody } from '../reply.js';
import { VERSION } from '../version.js';

const PING_TIMEOUT_MS = 2000;

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, migrator, startedAt } = app.deps;
  const engine = database.dialect === 'pg' ? 'postgresql' : 'sqlite';
  // 503 is not a DomainError status (DATABASE_ERROR is 500), so this answer is built here, in the
  // same envelope the error handler uses.
  const notReady = (reply: FastifyReply, message: string, details: NotReadyDetails) =>
    reply.code(503).header('retry-after', '5').send(errorBody('DATABASE_ERROR', message, details, clock.now()));
  const uptime = () => Math.max(0, (clock.now().getTime() - startedAt.getTime()) / 1000);

  app.get(
    '/health/live',
    { schema: { tags: ['health'], summary: 'The server process is up', response: { 200: Envelope(LiveData) } } },
    async () => app.ok({ status: 'ok' as const, uptime_seconds: uptime(), version: VERSION }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The server can serve: database reachable, schema up to date',
        response: { 200: Envelope(ReadyData), 503: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      let db: DatabaseHealth;
      let migrations: MigrationHealth | null = null;
      try {
        const latency = await database.ping(PING_TIMEOUT_MS);
        db = { engine, reachable: true, latency_ms: Math.round(latency * 100) / 100 };
        const status = await migrator.status();
        const applied = status.filter((m) => m.applied).map((m) => m.version);
        migrations = { current: applied[applied.length - 1] ?? null, pending: status.filter((m) => !m.applied).map((m) => m.version) };
      } catch (err) {
        request.log.warn({ err }, 'readiness check: database unreachable');
        const reason = describeDatabaseError(err);
        const details: NotReadyDetails = { status: 'not_ready', database: { engine, reachable: false, latency_ms: null, error: reason }, migrations: null };
        return notReady(reply, `database unreachable: ${reason}`, details);
      }
      if (migrations.pending.length > 0) {
        const details: NotReadyDetails = { status: 'not_ready', database: db, migrations };
        const message = `database schema is not up to date: migration ${migrations.pending.join(', ')} pending (run pacsync-server migrate --apply-all)`;
        return notReady(reply, message, details);
      }
      return app.ok({ status: 'ready' as const, version: VERSION, uptime_seconds: uptime(), database: db, migrations });
    },
  );
};
