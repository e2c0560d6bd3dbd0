export type TarEntryType = 'file' | 'directory' | 'other';
export interface TarEntry {
    /** Path as stored (pax `path` / GNU long name applied), without a leading `./`. */
    path: string;
    type: TarEntryType;
    /** The entry's content (a view into the archive buffer). */
    data: Uint8Array;
}
/**
 * Streaming tar parser: feed it chunks as they come out of the decompressor (`write`), then call
 * `end()`. Entries are handed to `onEntry` as soon as they are complete; their `data` is a view
 * into the chunk (or, for an entry split across chunks, into a copy of just that entry) and is
 * only valid during the call. Parsing while the decompressor still runs overlaps the two, and no
 * whole-archive buffer is ever assembled.
 */
export declare class TarParser {
    private readonly file;
    private readonly onEntry;
    private readonly opts;
    private offset;
    private expect;
    private need;
    private scratch;
    private fill;
    private ended;
    private size;
    private typeflag;
    private path;
    private headerAt;
    private longName;
    private paxPath;
    private paxSize;
    private lastBuf;
    private lastWords;
    /**
     * `opts.directories: false` leaves directory entries out (their names are then never decoded —
     * a sync database has one per package and readers do not need them).
     */
    constructor(file: string, onEntry: (entry: TarEntry) => void, opts?: {
        directories?: boolean;
    });
    write(chunk: Uint8Array): void;
    /** Call after the last chunk: throws unless the archive ended properly. */
    end(): void;
    private unit;
    private header;
    private data;
}
/** All entries of an uncompressed tar archive held in memory (see TarParser for the checks). */
export declare function tarEntries(buf: Uint8Array, file: string): TarEntry[];
