export * from './types.js';
export * from './desc.parser.js';
export * from './tar.reader.js';
export * from './sync-db.parser.js';
export * from './pacman-conf.parser.js';
export * from './pkginfo.parser.js';
