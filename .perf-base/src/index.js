// Public library surface: the pure domain core, importable by server, agent and users' own tools.
export * from './core/index.js';
//# sourceMappingURL=index.js.map