import { authenticatedRoutes } from './authenticated.routes.js';
import { healthRoutes } from './health.routes.js';
export const apiRoutes = async (app) => {
    await app.register(healthRoutes); // /api/v1/health/live, /api/v1/health/ready
    // Everything that needs an API key (pools, endpoints, keys, states, events, …): see there.
    await app.register(authenticatedRoutes);
};
//# sourceMappingURL=index.js.map