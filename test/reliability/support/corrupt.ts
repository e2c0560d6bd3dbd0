// fast-check corruptions of a valid input: bytes flipped, zeroed, inserted, deleted or repeated,
// the input truncated anywhere, and for text whole lines dropped, duplicated, swapped or replaced
// by hostile ones — what a half-written file, a bad disk or a hostile mirror hands a reader.
import fc from 'fast-check';

type ByteOp =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'zero'; at: number; len: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; len: number }
  | { op: 'repeat'; at: number; len: number; times: number };

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x30, 0x20, 0x0a, 0x25) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('zero' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 1024 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 600 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('repeat' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 600 }),
      times: fc.integer({ min: 2, max: 50 }),
    }),
  },
);

function apply(buf: Uint8Array, o: ByteOp): Uint8Array {
  const n = buf.length;
  if (n === 0) return o.op === 'insert' ? o.bytes : buf;
  const at = o.at % n;
  const b = Buffer.from(buf);
  switch (o.op) {
    case 'truncate':
      return b.subarray(0, at);
    case 'flip':
      b[at] = (b[at] as number) ^ (1 << o.bit);
      return b;
    case 'set':
      b[at] = o.value;
      return b;
    case 'zero':
      b.fill(0, at, Math.min(n, at + o.len));
      return b;
    case 'insert':
      return Buffer.concat([b.subarray(0, at), o.bytes, b.subarray(at)]);
    case 'delete':
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(n, at + o.len))]);
    case 'repeat': {
      const piece = b.subarray(at, Math.min(n, at + o.len));
      return Buffer.concat([b.subarray(0, at), ...Array.from({ length: o.times }, () => piece), b.subarray(at)]);
    }
  }
}

export interface Corrupted<T> {
  value: T;
  how: string;
}

/** `seed` with one to five byte corruptions. */
export function corruptBytes(seed: Uint8Array): fc.Arbitrary<Corrupted<Buffer>> {
  return fc.array(byteOp, { minLength: 1, maxLength: 5 }).map((ops) => ({
    value: Buffer.from(ops.reduce(apply, seed)),
    how: ops.map((o) => JSON.stringify(o, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))).join(' '),
  }));
}

const HOSTILE_LINES = [
  '',
  '%',
  '%%',
  '%NAME%',
  '%VERSION%',
  '%SIZE%',
  '%CSIZE%',
  '%ISIZE%',
  '%BUILDDATE%',
  '%INSTALLDATE%',
  '%REASON%',
  '%DEPENDS%',
  '%FILES%',
  '[options]',
  '[',
  '[]',
  '[local]',
  '= value',
  'key =',
  'Include',
  'Include = /nonexistent/mirrorlist',
  'Include = /etc/../../../../etc/*/*',
  'Include = /proc/self/fd/*',
  'Include = /dev/null',
  'Server = $arch/$repo',
  'Architecture = auto',
  'SigLevel = Never Required TrustAll',
  'SigLevel = Bogus',
  'pkgname',
  'pkgname = ',
  'size = -1',
  'size = 99999999999999999999',
  'builddate = 1e9',
  'depend = a>=',
  'pkgver = 1:-',
  '99999999999999999999999999',
  '-1',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\ufeff%NAME%',
  '\r',
  'x'.repeat(100_000),
];

/** `seed` text with byte corruptions, or one to four line changes. */
export function corruptText(seed: string): fc.Arbitrary<Corrupted<string>> {
  const lines = seed.split('\n');
  const lineOp = fc.oneof(
    fc.record({ op: fc.constant('drop'), at: fc.nat() }),
    fc.record({ op: fc.constant('dup'), at: fc.nat() }),
    fc.record({ op: fc.constant('swap'), at: fc.nat(), with: fc.nat() }),
    fc.record({ op: fc.constant('replace'), at: fc.nat(), line: fc.constantFrom(...HOSTILE_LINES) }),
    fc.record({ op: fc.constant('insert'), at: fc.nat(), line: fc.constantFrom(...HOSTILE_LINES) }),
  );
  const byLines = fc.array(lineOp, { minLength: 1, maxLength: 4 }).map((ops) => {
    const out = [...lines];
    for (const o of ops) {
      const at = o.at % Math.max(1, out.length);
      if (o.op === 'drop') out.splice(at, 1);
      else if (o.op === 'dup') out.splice(at, 0, out[at] ?? '');
      else if (o.op === 'swap') {
        const w = (o as { with: number }).with % Math.max(1, out.length);
        [out[at], out[w]] = [out[w] ?? '', out[at] ?? ''];
      } else if (o.op === 'replace') out[at] = (o as { line: string }).line;
      else out.splice(at, 0, (o as { line: string }).line);
    }
    return { value: out.join('\n'), how: ops.map((o) => JSON.stringify(o).slice(0, 120)).join(' ') };
  });
  const byBytes = corruptBytes(Buffer.from(seed)).map((c) => ({ value: c.value.toString('utf8'), how: c.how }));
  return fc.oneof(byLines, byBytes);
}
