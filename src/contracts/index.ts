// The HTTP API contract (TypeBox schemas and their static types) shared by server, agent and web.
export * from './common.contract.js';
export * from './package.contract.js';
export * from './pool.contract.js';
export * from './endpoint.contract.js';
export * from './state.contract.js';
export * from './operation.contract.js';
export * from './key.contract.js';
export * from './event.contract.js';
export * from './health.contract.js';
export * from './report.contract.js';
export * from './sync.contract.js';
export * from './analysis.contract.js';
export * from './realtime.contract.js';
export * from './job.contract.js';
export * from './alert.contract.js';
export * from './metrics.contract.js';
