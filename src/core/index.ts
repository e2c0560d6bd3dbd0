// Re-exports of the pure domain core. Nothing here may import node:* or a database driver.
export * from './errors.js';
export * from './package-state.js';
