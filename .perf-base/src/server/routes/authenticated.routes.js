import { registerAuth } from '../auth/auth.hooks.js';
import { installNotificationScope } from '../events/notifier.js';
import { analysisRoutes } from './analysis.routes.js';
import { endpointRoutes } from './endpoint.routes.js';
import { eventRoutes } from './event.routes.js';
import { keyRoutes } from './key.routes.js';
import { operationRoutes } from './operation.routes.js';
import { poolRoutes } from './pool.routes.js';
import { reportRoutes } from './report.routes.js';
import { stateRoutes } from './state.routes.js';
import { wsRoutes } from './ws.routes.js';
export const authenticatedRoutes = async (app) => {
    const { services, config } = app.deps;
    await registerAuth(app, { apiKeys: services.apiKeys, rateLimitPerMinute: config.security.api_rate_limit });
    // Real-time messages queued while a request runs go out after it succeeds (events/notifier.ts).
    installNotificationScope(app, services.notifier);
    await app.register(keyRoutes);
    await app.register(poolRoutes);
    await app.register(endpointRoutes);
    await app.register(stateRoutes);
    await app.register(eventRoutes);
    await app.register(reportRoutes);
    await app.register(operationRoutes);
    await app.register(analysisRoutes);
    await app.register(wsRoutes);
};
//# sourceMappingURL=authenticated.routes.js.map