export type Compression = 'gzip' | 'zstd' | 'xz' | 'bzip2' | 'none' | 'unknown';
/** The compression of a database file from its first bytes. */
export declare function detectCompression(head: Uint8Array): Compression;
/** Receives decompressed bytes in order; may throw to abort the read. */
export type Sink = (chunk: Uint8Array) => void;
/** The external decompressors (names on PATH or paths); tests point them elsewhere. */
export interface DecompressTools {
    zstd?: string;
    xz?: string;
    bsdtar?: string;
}
/**
 * Decompresses database `file`, handing the tar bytes to `sink` as they come (so parsing runs
 * while the decompressor still works).
 */
export declare function decompressDbFile(file: string, sink: Sink, tools?: DecompressTools): Promise<void>;
/** The whole uncompressed tar bytes of database `file` (see decompressDbFile). */
export declare function readDbFile(file: string, tools?: DecompressTools): Promise<Uint8Array>;
