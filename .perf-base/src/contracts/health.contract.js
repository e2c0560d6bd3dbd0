// Health checks: /health/live (the process answers) and /health/ready (the database answers and
// its schema is current). Both also under /api/v1/health/.
import { Type } from '@sinclair/typebox';
export const LiveData = Type.Object({
    status: Type.Literal('ok'),
    uptime_seconds: Type.Number({ minimum: 0 }),
    version: Type.String(),
});
export const DatabaseHealth = Type.Object({
    engine: Type.Union([Type.Literal('sqlite'), Type.Literal('postgresql')]),
    reachable: Type.Boolean(),
    /** Round trip of `SELECT 1`, null when unreachable. */
    latency_ms: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    /** Why it is unreachable ("connection refused"); absent when reachable. */
    error: Type.Optional(Type.String()),
});
export const MigrationHealth = Type.Object({
    /** Highest applied version, null on an empty database. */
    current: Type.Union([Type.String(), Type.Null()]),
    pending: Type.Array(Type.String()),
});
export const ReadyData = Type.Object({
    /** `degraded`: serving, but an alert is active (set by the alert job). */
    status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')]),
    version: Type.String(),
    uptime_seconds: Type.Number({ minimum: 0 }),
    database: DatabaseHealth,
    migrations: MigrationHealth,
});
//# sourceMappingURL=health.contract.js.map