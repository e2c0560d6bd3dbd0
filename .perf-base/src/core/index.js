// Re-exports of the pure domain core. Nothing here may import node:* or a database driver.
export * from './clock.js';
export * from './errors.js';
export * from './package-state.js';
export * from './vercmp.js';
export * from './names.js';
export * from './dependency.js';
export * from './fnmatch.js';
export * from './exclusions.js';
export * from './state.js';
export * from './drift.js';
export * from './consistency.js';
export * from './plan.js';
export * from './removal.js';
export * from './apply-plan.js';
export * from './promotion.js';
export * from './analysis.js';
export * from './state-diff.js';
export * from './pacman/index.js';
//# sourceMappingURL=index.js.map