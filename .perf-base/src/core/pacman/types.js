// A package as pacman's databases describe it (local `desc` entries and sync db `desc` entries).
// Field names follow pacman's %FIELD% keys, lower-cased. Parsers live beside this file (text in,
// data out); reading files and decompressing is the agent's job (src/agent/pacman).
export {};
//# sourceMappingURL=types.js.map