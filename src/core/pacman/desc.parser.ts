// Parser for pacman's `desc` entries: `<dbpath>/local/<name>-<version>/desc` and the
// `<name>-<version>/desc` members of a sync database (plus the `depends` member of databases
// written by old repo-add versions). The format is blocks separated by blank lines: a `%FIELD%`
// header line followed by one value line (single-valued fields) or by any number of lines (lists).
//
// libalpm skips lines it does not understand; we are stricter on purpose: a line where a header
// should be, a missing %NAME%/%VERSION%, a number that is not one, or an entry whose directory
// name disagrees with its %NAME%-%VERSION% is a PacmanFormatError naming the file, so a damaged
// database is reported instead of silently yielding fewer or wrong packages. Unknown %FIELD%s are
// skipped (newer pacman versions add fields).
import { PacmanFormatError } from '../errors.js';
import type { PacmanPackage } from './types.js';

/** Which database the entry comes from: %SIZE% means installed size locally, %CSIZE% elsewhere. */
export type DescSource = 'local' | 'sync';

type ListKey =
  'licenses' | 'groups' | 'depends' | 'optdepends' | 'makedepends' | 'checkdepends' | 'provides' | 'conflicts' | 'replaces' | 'validation' | 'xdata';
type StringKey = 'name' | 'version' | 'base' | 'desc' | 'url' | 'arch' | 'packager' | 'filename' | 'sha256sum' | 'md5sum' | 'pgpsig';
type NumberKey = 'builddate' | 'installdate' | 'size' | 'csize' | 'reason';

const LISTS: Record<string, ListKey> = {
  '%LICENSE%': 'licenses',
  '%GROUPS%': 'groups',
  '%DEPENDS%': 'depends',
  '%OPTDEPENDS%': 'optdepends',
  '%MAKEDEPENDS%': 'makedepends',
  '%CHECKDEPENDS%': 'checkdepends',
  '%PROVIDES%': 'provides',
  '%CONFLICTS%': 'conflicts',
  '%REPLACES%': 'replaces',
  '%VALIDATION%': 'validation',
  '%XDATA%': 'xdata',
};
const STRINGS: Record<string, StringKey> = {
  '%NAME%': 'name',
  '%VERSION%': 'version',
  '%BASE%': 'base',
  '%DESC%': 'desc',
  '%URL%': 'url',
  '%ARCH%': 'arch',
  '%PACKAGER%': 'packager',
  '%FILENAME%': 'filename',
  '%SHA256SUM%': 'sha256sum',
  '%MD5SUM%': 'md5sum',
  '%PGPSIG%': 'pgpsig',
};
const NUMBERS: Record<string, NumberKey> = {
  '%BUILDDATE%': 'builddate',
  '%INSTALLDATE%': 'installdate',
  '%ISIZE%': 'size',
  '%CSIZE%': 'csize',
  '%REASON%': 'reason',
};

/**
 * Every known header in one Map: one lookup per header line instead of up to three object
 * lookups, each of which interned the header string first (a cold parse of 1,500 local descs,
 * as `query --info` does, measured ~1 ms faster).
 */
type Field =
  | { list: ListKey; str?: undefined; num?: undefined }
  | { str: StringKey; list?: undefined; num?: undefined }
  | { num: NumberKey | 'size?'; list?: undefined; str?: undefined };
const FIELDS = new Map<string, Field>([
  ...Object.entries(LISTS).map(([h, list]): [string, Field] => [h, { list }]),
  ...Object.entries(STRINGS).map(([h, str]): [string, Field] => [h, { str }]),
  ...Object.entries(NUMBERS).map(([h, num]): [string, Field] => [h, { num }]),
  // %SIZE%: the installed size in the local database, the download size in sync databases.
  ['%SIZE%', { num: 'size?' }],
]);

/** A package with every list empty and no name/version yet. */
export function emptyPackage(): PacmanPackage {
  return {
    name: '',
    version: '',
    licenses: [],
    groups: [],
    depends: [],
    optdepends: [],
    makedepends: [],
    checkdepends: [],
    provides: [],
    conflicts: [],
    replaces: [],
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OLD_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function parseNumber(value: string, field: string, file: string, line: number): number {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  // Databases written by pacman < 3.5 stored dates as ctime text; libalpm still reads them
  // (strptime "%a %b %e %H:%M:%S %Y", local time).
  const old = field.endsWith('DATE%') ? OLD_DATE.exec(value) : null;
  if (old) {
    const month = MONTHS.indexOf(old[1] as string);
    if (month >= 0) {
      const d = new Date(Number(old[6]), month, Number(old[2]), Number(old[3]), Number(old[4]), Number(old[5]));
      return Math.floor(d.getTime() / 1000);
    }
  }
  throw new PacmanFormatError(file, `line ${line}: ${field} is not a number: '${value}'`);
}

/**
 * Adds the fields of one desc (or old-style `depends`) text to `pkg`. Lists append, single values
 * overwrite. Does not check that a name and version were found: see {@link parseDesc}.
 */
export function parseDescInto(pkg: PacmanPackage, text: string, file: string, source: DescSource): PacmanPackage {
  // One native split, then plain array walking: this runs once per installed package in a
  // one-shot CLI process, mostly before the JIT has warmed up, so fewer JS operations per line
  // matter more than avoiding the substrings (measured ~40% faster cold than an indexOf loop).
  let lines = text.split('\n');
  if (text.includes('\r')) lines = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const n = lines.length;
  let i = 0;
  while (i < n) {
    const header = lines[i++] as string;
    if (header === '') continue;
    const headerLine = i;
    if (header.length < 3 || header.charCodeAt(0) !== 37 || header.charCodeAt(header.length - 1) !== 37) {
      throw new PacmanFormatError(file, `line ${headerLine}: expected a %FIELD% header, found '${header.slice(0, 40)}'`);
    }
    const field = FIELDS.get(header);
    if (field === undefined) {
      while (i < n && lines[i] !== '') i++; // unknown field: skip its values
      continue;
    }
    const list = field.list;
    if (list !== undefined) {
      const start = i;
      while (i < n && lines[i] !== '') i++;
      // An exact-size copy rather than push(): arrays grown by push keep ~17 slots, which made
      // lists half of what 1,500 parsed packages hold in memory (and garbage collection copies).
      const values = lines.slice(start, i);
      const before = pkg[list];
      pkg[list] = before === undefined || before.length === 0 ? values : before.concat(values);
      continue;
    }
    const str = field.str;
    const num = field.num === 'size?' ? (source === 'local' ? 'size' : 'csize') : field.num;
    // The last element after a final newline is '' — not a value.
    if (i >= n || (i === n - 1 && lines[i] === '')) {
      throw new PacmanFormatError(file, `line ${headerLine}: ${header} has no value (file truncated?)`);
    }
    const value = lines[i++] as string;
    if (i < n && lines[i] !== '') {
      throw new PacmanFormatError(file, `line ${i + 1}: ${header} takes one value, found a second line '${(lines[i] as string).slice(0, 40)}'`);
    }
    if (str !== undefined) {
      pkg[str] = value;
    } else if (num === 'reason') {
      const r = parseNumber(value, header, file, headerLine + 1);
      if (r !== 0 && r !== 1) throw new PacmanFormatError(file, `line ${headerLine + 1}: %REASON% must be 0 or 1, found ${r}`);
      pkg.reason = r;
    } else if (num !== undefined) {
      // An old sync %SIZE% (= compressed size) never overrides %CSIZE%.
      if (!(header === '%SIZE%' && num === 'csize' && pkg.csize !== undefined)) {
        pkg[num] = parseNumber(value, header, file, headerLine + 1);
      }
    }
  }
  return pkg;
}

/** Throws unless `pkg` has a name and version and, when given, they match the entry directory name. */
export function checkIdentity(pkg: PacmanPackage, file: string, entry?: string): PacmanPackage {
  if (pkg.name === '') throw new PacmanFormatError(file, 'missing %NAME%');
  if (pkg.version === '') throw new PacmanFormatError(file, 'missing %VERSION%');
  if (entry !== undefined && entry !== `${pkg.name}-${pkg.version}`) {
    throw new PacmanFormatError(file, `entry '${entry}' does not match %NAME% '${pkg.name}' and %VERSION% '${pkg.version}'`);
  }
  return pkg;
}

/**
 * Parses one desc text into a package. `file` names it in errors; `entry` is the directory name
 * (`<name>-<version>`) it was found under, checked against %NAME% and %VERSION%.
 */
export function parseDesc(text: string, file: string, source: DescSource, entry?: string): PacmanPackage {
  return checkIdentity(parseDescInto(emptyPackage(), text, file, source), file, entry);
}

/**
 * Splits a database entry name `<name>-<pkgver>-<pkgrel>` at its last two dashes, as libalpm does
 * (names may contain dashes, versions may not). Null when it has fewer than two dashes.
 */
export function splitEntryName(entry: string): { name: string; version: string } | null {
  const rel = entry.lastIndexOf('-');
  if (rel <= 0) return null;
  const ver = entry.lastIndexOf('-', rel - 1);
  if (ver <= 0) return null;
  return { name: entry.slice(0, ver), version: entry.slice(ver + 1) };
}
