// A minimal tar reader for pacman sync databases (already decompressed bytes in, entries out).
//
// Why hand-written and not an npm tar package: reading sync databases is the agent's hot path
// (Arch's extra has ~14,000 entries and `pacsync repo-list` must not be slower than `pacman -Sl`),
// core must stay pure (no node:* streams, which the usual tar packages are built on), and the
// subset needed is small: the databases repo-add writes use ustar headers, with pax extended
// headers (bsdtar's default format) or GNU long names for names over 100 bytes. We walk the buffer
// once and hand out subarrays (no copies).
//
// Damage is reported, never skipped: a header whose checksum is wrong, an entry running past the
// end of the data, or data ending without the end-of-archive marker (the all-zero block every tar
// writer ends with) raises PacmanFormatError naming the file — a database cut short must not read
// as a shorter package list.
import { PacmanFormatError } from '../errors.js';

export type TarEntryType = 'file' | 'directory' | 'other';

export interface TarEntry {
  /** Path as stored (pax `path` / GNU long name applied), without a leading `./`. */
  path: string;
  type: TarEntryType;
  /** The entry's content (a view into the archive buffer). */
  data: Uint8Array;
}

const BLOCK = 512;
const utf8 = new TextDecoder('utf-8');
/** The data of every empty entry (a sync database has one directory per package: no allocation each). */
const EMPTY = new Uint8Array(0);

/**
 * NUL-terminated string field at [start, start+len). Through TextDecoder even for ASCII: the
 * `String.fromCharCode.apply` shortcut copies every byte into an argument list first, and at one
 * name per package that was the parser's largest allocation (measured: ~40% of its garbage).
 */
function field(buf: Uint8Array, start: number, len: number): string {
  let end = start;
  const stop = start + len;
  while (end < stop && buf[end] !== 0) end++;
  return utf8.decode(buf.subarray(start, end));
}

/** Octal numeric field (NUL/space padded), or GNU base-256 when the high bit is set. -1 when invalid. */
function numeric(buf: Uint8Array, start: number, len: number): number {
  const first = buf[start] as number;
  if (first & 0x80) {
    if (first === 0xff) return -1; // negative
    let v = first & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + (buf[i] as number);
    return v;
  }
  let i = start;
  const stop = start + len;
  while (i < stop && buf[i] === 32) i++;
  let v = 0;
  let digits = 0;
  for (; i < stop; i++) {
    const c = buf[i] as number;
    if (c === 0 || c === 32) break;
    if (c < 48 || c > 55) return -1;
    v = v * 8 + (c - 48);
    digits++;
  }
  return digits === 0 ? -1 : v;
}

function isZeroBlock(buf: Uint8Array, off: number): boolean {
  for (let i = off; i < off + BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * The header checksum: the sum of all header bytes with the checksum field read as spaces. With a
 * 32-bit view of the buffer (when it is 4-byte aligned) the bytes are summed four at a time in two
 * 16-bit lanes (at most 2·128·255 = 65280 per lane, no overflow) — this runs for every header.
 */
function checksumOk(buf: Uint8Array, words: Uint32Array | null, off: number): boolean {
  const stored = numeric(buf, off + 148, 8);
  if (stored < 0) return false;
  let unsigned: number;
  if (words !== null) {
    let acc = 0;
    const w0 = off >>> 2;
    for (let i = w0; i < w0 + 128; i++) {
      const w = words[i] as number;
      acc += (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
    }
    unsigned = (acc & 0xffff) + (acc >>> 16);
    for (let i = off + 148; i < off + 156; i++) unsigned -= buf[i] as number;
    unsigned += 8 * 32;
  } else {
    unsigned = 8 * 32;
    for (let i = off; i < off + BLOCK; i++) if (i < off + 148 || i >= off + 156) unsigned += buf[i] as number;
  }
  if (stored === unsigned) return true;
  // Some historic writers summed signed chars; libarchive accepts either.
  let high = 0;
  for (let i = off; i < off + BLOCK; i++) if ((i < off + 148 || i >= off + 156) && (buf[i] as number) > 127) high++;
  return stored === unsigned - 256 * high;
}

/** Pax extended header records `<len> <key>=<value>\n` (len counts bytes); we use `path` and `size`. */
function paxRecords(data: Uint8Array, file: string, at: number): Map<string, string> {
  const out = new Map<string, string>();
  const bad = (): PacmanFormatError => new PacmanFormatError(file, `corrupt archive (bad pax header at offset ${at})`);
  let pos = 0;
  while (pos < data.length && data[pos] !== 0) {
    let sp = pos;
    let len = 0;
    for (let c = data[sp] as number; c >= 48 && c <= 57; c = data[++sp] as number) len = len * 10 + (c - 48);
    if (sp === pos || data[sp] !== 32 || len <= sp - pos + 1 || pos + len > data.length || data[pos + len - 1] !== 10) throw bad();
    const record = utf8.decode(data.subarray(sp + 1, pos + len - 1));
    const eq = record.indexOf('=');
    if (eq <= 0) throw bad();
    out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

// What the next unit of the archive is.
const Expect = { Header: 0, Data: 1 } as const;

/**
 * Streaming tar parser: feed it chunks as they come out of the decompressor (`write`), then call
 * `end()`. Entries are handed to `onEntry` as soon as they are complete; their `data` is a view
 * into the chunk (or, for an entry split across chunks, into a copy of just that entry) and is
 * only valid during the call. Parsing while the decompressor still runs overlaps the two, and no
 * whole-archive buffer is ever assembled.
 */
export class TarParser {
  private offset = 0; // archive offset of the next unit (header or data)
  private expect: number = Expect.Header;
  private need = BLOCK; // bytes in the current unit
  private scratch: Uint8Array | null = null; // a unit split across chunks, being assembled
  private fill = 0;
  private ended = false;
  // The entry whose data comes next.
  private size = 0;
  private typeflag = 0;
  private path = '';
  private headerAt = 0;
  // Extended names for the next entry.
  private longName: string | null = null;
  private paxPath: string | null = null;
  private paxSize: number | null = null;
  // 32-bit view of the last buffer, for checksumOk.
  private lastBuf: Uint8Array | null = null;
  private lastWords: Uint32Array | null = null;

  /**
   * `opts.directories: false` leaves directory entries out (their names are then never decoded —
   * a sync database has one per package and readers do not need them).
   */
  constructor(
    private readonly file: string,
    private readonly onEntry: (entry: TarEntry) => void,
    private readonly opts: { directories?: boolean } = {},
  ) {}

  write(chunk: Uint8Array): void {
    let pos = 0;
    const len = chunk.length;
    while (pos < len && !this.ended) {
      if (this.scratch !== null) {
        const take = Math.min(this.need - this.fill, len - pos);
        this.scratch.set(chunk.subarray(pos, pos + take), this.fill);
        this.fill += take;
        pos += take;
        if (this.fill < this.need) return;
        const unit = this.scratch;
        this.scratch = null;
        this.unit(unit, 0);
      } else if (len - pos >= this.need) {
        const at = pos;
        pos += this.need;
        this.unit(chunk, at);
      } else {
        this.scratch = new Uint8Array(this.need);
        this.fill = 0;
      }
    }
    // Bytes after the end-of-archive marker (writers pad to whole records) are ignored.
  }

  /** Call after the last chunk: throws unless the archive ended properly. */
  end(): void {
    if (this.ended) return;
    if (this.expect === Expect.Header && this.scratch === null) {
      throw new PacmanFormatError(this.file, 'truncated archive (no end-of-archive marker)');
    }
    throw new PacmanFormatError(this.file, `truncated archive (ends inside the entry at offset ${this.headerAt})`);
  }

  private unit(buf: Uint8Array, at: number): void {
    const unitStart = this.offset;
    this.offset += this.need;
    if (this.expect === Expect.Header) {
      this.header(buf, at, unitStart);
    } else {
      this.expect = Expect.Header;
      this.need = BLOCK;
      this.data(buf.subarray(at, at + this.size));
    }
  }

  private header(buf: Uint8Array, off: number, archiveOffset: number): void {
    if (buf[off] === 0 && isZeroBlock(buf, off)) {
      this.ended = true; // end of archive (a real header has a name)
      return;
    }
    if (buf !== this.lastBuf) {
      this.lastBuf = buf;
      this.lastWords = buf.byteOffset % 4 === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2) : null;
    }
    const words = off % 4 === 0 ? this.lastWords : null;
    if (!checksumOk(buf, words, off)) {
      throw new PacmanFormatError(this.file, `corrupt archive (bad tar header checksum at offset ${archiveOffset})`);
    }
    const typeflag = buf[off + 156] as number;
    let size = numeric(buf, off + 124, 12);
    if (size < 0) throw new PacmanFormatError(this.file, `corrupt archive (bad size field at offset ${archiveOffset})`);
    const extension = typeflag === 0x78 || typeflag === 0x67 || typeflag === 0x4c || typeflag === 0x4b;
    if (!extension && this.paxSize !== null) size = this.paxSize;
    this.headerAt = archiveOffset;
    this.typeflag = typeflag;
    this.size = size;
    if (!extension && typeflag === 0x35 && this.opts.directories === false) {
      this.paxPath = null;
      this.longName = null;
      this.paxSize = null;
      this.path = '';
    } else if (!extension) {
      let path = this.paxPath ?? this.longName;
      if (path === null) {
        path = field(buf, off, 100);
        // POSIX ustar ("ustar\0") keeps a path prefix at 345; GNU ("ustar  ") uses that area otherwise.
        if (buf[off + 257] === 0x75 && buf[off + 262] === 0 && buf[off + 345] !== 0) path = `${field(buf, off + 345, 155)}/${path}`;
      }
      this.paxPath = null;
      this.longName = null;
      this.paxSize = null;
      this.path = path.startsWith('./') ? path.slice(2) : path;
    }
    if (size === 0) {
      this.data(EMPTY);
    } else {
      this.expect = Expect.Data;
      this.need = Math.ceil(size / BLOCK) * BLOCK;
    }
  }

  private data(data: Uint8Array): void {
    const t = this.typeflag;
    if (t === 0x78 /* x: pax header for the next entry */) {
      const recs = paxRecords(data, this.file, this.headerAt);
      this.paxPath = recs.get('path') ?? this.paxPath;
      const s = recs.get('size');
      if (s !== undefined) {
        if (!/^\d+$/.test(s)) throw new PacmanFormatError(this.file, `corrupt archive (bad pax size '${s}')`);
        this.paxSize = Number(s);
      }
      return;
    }
    if (t === 0x4c /* L: GNU long name for the next entry */) {
      this.longName = field(data, 0, data.length);
      return;
    }
    if (t === 0x67 /* g: pax global */ || t === 0x4b /* K: GNU long link name */) return;
    if (t === 0x35 && this.opts.directories === false) return;
    const path = this.path;
    const type: TarEntryType = t === 0x30 || t === 0 || t === 0x37 ? (path.endsWith('/') ? 'directory' : 'file') : t === 0x35 ? 'directory' : 'other';
    this.onEntry({ path, type, data });
  }
}

/** All entries of an uncompressed tar archive held in memory (see TarParser for the checks). */
export function tarEntries(buf: Uint8Array, file: string): TarEntry[] {
  const out: TarEntry[] = [];
  const parser = new TarParser(file, (e) => out.push(e));
  parser.write(buf);
  parser.end();
  return out;
}
