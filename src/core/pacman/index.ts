// Pacman's on-disk formats: pure parsers (text/bytes in, data out). Reading files, decompressing
// and running pacman-conf is the agent's job (src/agent/pacman).
export * from './types.js';
export * from './desc.parser.js';
export * from './tar.reader.js';
export * from './sync-db.parser.js';
export * from './pacman-conf.parser.js';
export * from './pkginfo.parser.js';
export * from './siglevel.js';
