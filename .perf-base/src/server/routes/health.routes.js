import { Envelope, ErrorEnvelope } from '../../contracts/common.contract.js';
import { LiveData, ReadyData } from '../../contracts/health.contract.js';
import { describeDatabaseError } from '../../db/errors.js';
import { errorBody } from '../reply.js';
import { VERSION } from '../version.js';
const PING_TIMEOUT_MS = 2000;
export const healthRoutes = async (app) => {
    const { database, clock, migrator, startedAt } = app.deps;
    const engine = database.dialect === 'pg' ? 'postgresql' : 'sqlite';
    // 503 is not a DomainError status (DATABASE_ERROR is 500), so this answer is built here, in the
    // same envelope the error handler uses.
    const notReady = (reply, message, details) => reply.code(503).header('retry-after', '5').send(errorBody('DATABASE_ERROR', message, details, clock.now()));
    const uptime = () => Math.max(0, (clock.now().getTime() - startedAt.getTime()) / 1000);
    app.get('/health/live', { schema: { tags: ['health'], summary: 'The server process is up', response: { 200: Envelope(LiveData) } } }, async () => app.ok({ status: 'ok', uptime_seconds: uptime(), version: VERSION }));
    app.get('/health/ready', {
        schema: {
            tags: ['health'],
            summary: 'The server can serve: database reachable, schema up to date',
            response: { 200: Envelope(ReadyData), 503: ErrorEnvelope },
        },
    }, async (request, reply) => {
        let db;
        let migrations = null;
        try {
            const latency = await database.ping(PING_TIMEOUT_MS);
            db = { engine, reachable: true, latency_ms: Math.round(latency * 100) / 100 };
            const status = await migrator.status();
            const applied = status.filter((m) => m.applied).map((m) => m.version);
            migrations = { current: applied[applied.length - 1] ?? null, pending: status.filter((m) => !m.applied).map((m) => m.version) };
        }
        catch (err) {
            request.log.warn({ err }, 'readiness check: database unreachable');
            const reason = describeDatabaseError(err);
            const details = { status: 'not_ready', database: { engine, reachable: false, latency_ms: null, error: reason }, migrations: null };
            return notReady(reply, `database unreachable: ${reason}`, details);
        }
        if (migrations.pending.length > 0) {
            const details = { status: 'not_ready', database: db, migrations };
            const message = `database schema is not up to date: migration ${migrations.pending.join(', ')} pending (run pacsync-server migrate --apply-all)`;
            return notReady(reply, message, details);
        }
        return app.ok({ status: 'ready', version: VERSION, uptime_seconds: uptime(), database: db, migrations });
    });
};
//# sourceMappingURL=health.routes.js.map