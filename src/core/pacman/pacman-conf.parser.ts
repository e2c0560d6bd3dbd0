// pacman.conf parser, following pacman 6.0's ini.c/conf.c (checked against Debian's pacman-conf
// 6.0.2):
// - only whole lines starting with `#` are comments (`Key = v # x` keeps ` # x` in the value);
// - `[name]` starts a section: `options` or a repository, repositories kept in file order;
// - `Key = value` or a bare `Key` (boolean options such as Color);
// - `Include = path` splices the file in at that point; a section header inside an included file
//   stays in force after the include, as in pacman; nesting is limited to 10 levels;
// - list options (HoldPkg, IgnorePkg, …) split on spaces (not tabs) and accumulate over lines;
//   single-valued paths (RootDir, DBPath, LogFile, GPGDir) keep their first value, as pacman does;
// - `$repo` and `$arch` in Server URLs are replaced after parsing (`$arch` = the first
//   Architecture, `auto` meaning the machine's own, passed in by the caller);
// - SigLevel words are kept as written (siglevel.ts computes the levels); a word pacman does not
//   know is an error, as in pacman.
// Core stays pure: the caller reads Include files (and expands globs) through `include`.
import { PacmanFormatError } from '../errors.js';
import { isSigLevelWord } from './siglevel.js';

export interface PacmanRepository {
  name: string;
  /** Server URLs in order, `$repo`/`$arch` substituted. */
  servers: string[];
  sigLevel: string[];
  usage: string[];
}

export interface PacmanConf {
  rootDir?: string;
  dbPath?: string;
  logFile?: string;
  gpgDir?: string;
  cacheDirs: string[];
  hookDirs: string[];
  /** Architecture values, `auto` resolved when the caller gave `arch`. */
  architectures: string[];
  holdPkg: string[];
  ignorePkg: string[];
  ignoreGroup: string[];
  noUpgrade: string[];
  noExtract: string[];
  sigLevel: string[];
  localFileSigLevel: string[];
  remoteFileSigLevel: string[];
  /** Bare boolean options that are set (Color, CheckSpace, VerbosePkgLists, …). */
  flags: string[];
  /** Every other `[options]` key = value, e.g. ParallelDownloads, CleanMethod, XferCommand. */
  other: Record<string, string>;
  repositories: PacmanRepository[];
}

/** One file an Include expands to (a glob may expand to several). */
export interface IncludedFile {
  file: string;
  text: string;
}

export interface ParsePacmanConfOptions {
  /**
   * Returns the content of an Include target: its text, or the files a glob matched. Throw a
   * PacmanFormatError when it cannot be read. Without it an Include is an error.
   */
  include?: (path: string, from: string) => string | IncludedFile[];
  /** The machine architecture (`uname -m`), used for `Architecture = auto`. */
  arch?: string;
}

const MAX_INCLUDE_DEPTH = 10;
const FIRST_WINS = { RootDir: 'rootDir', DBPath: 'dbPath', LogFile: 'logFile', GPGDir: 'gpgDir' } as const;
const LISTS = {
  CacheDir: 'cacheDirs',
  HookDir: 'hookDirs',
  Architecture: 'architectures',
  HoldPkg: 'holdPkg',
  IgnorePkg: 'ignorePkg',
  IgnoreGroup: 'ignoreGroup',
  NoUpgrade: 'noUpgrade',
  NoExtract: 'noExtract',
  SigLevel: 'sigLevel',
  LocalFileSigLevel: 'localFileSigLevel',
  RemoteFileSigLevel: 'remoteFileSigLevel',
} as const;

/** List values split on spaces only (a tab stays inside the value, as in pacman's setrepeatingoption). */
function words(value: string): string[] {
  return value.split(' ').filter((w) => w !== '');
}

const SIGLEVEL_KEYS = new Set(['SigLevel', 'LocalFileSigLevel', 'RemoteFileSigLevel']);

/** Parses pacman.conf `text`; `file` names it in errors (`<file>: line N: …`). */
export function parsePacmanConf(text: string, file: string, opts: ParsePacmanConfOptions = {}): PacmanConf {
  const conf: PacmanConf = {
    cacheDirs: [],
    hookDirs: [],
    architectures: [],
    holdPkg: [],
    ignorePkg: [],
    ignoreGroup: [],
    noUpgrade: [],
    noExtract: [],
    sigLevel: [],
    localFileSigLevel: [],
    remoteFileSigLevel: [],
    flags: [],
    other: {},
    repositories: [],
  };
  // The current section survives the end of an included file, as in pacman.
  let section: string | null = null;
  let repo: PacmanRepository | null = null;

  const parse = (content: string, name: string, depth: number): void => {
    const lines = content.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const where = `line ${i + 1}`;
      const line = (lines[i] as string).trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('[') && line.endsWith(']')) {
        section = line.slice(1, -1);
        if (section === '') throw new PacmanFormatError(name, `${where}: bad section name`);
        if (section === 'options') {
          repo = null;
        } else {
          repo = { name: section, servers: [], sigLevel: [], usage: [] };
          conf.repositories.push(repo);
        }
        continue;
      }
      const eq = line.indexOf('=');
      const key = (eq >= 0 ? line.slice(0, eq) : line).trim();
      const value = eq >= 0 ? line.slice(eq + 1).trim() : null;
      if (key === '') throw new PacmanFormatError(name, `${where}: syntax error (missing key)`);
      if (key === 'Include') {
        if (!value) throw new PacmanFormatError(name, `${where}: directive 'Include' needs a value`);
        if (depth >= MAX_INCLUDE_DEPTH) throw new PacmanFormatError(name, `${where}: Include nested more than ${MAX_INCLUDE_DEPTH} levels`);
        if (!opts.include) throw new PacmanFormatError(name, `${where}: cannot read Include '${value}'`);
        const got = opts.include(value, name);
        for (const f of typeof got === 'string' ? [{ file: value, text: got }] : got) parse(f.text, f.file, depth + 1);
        continue;
      }
      if (section === null) throw new PacmanFormatError(name, `${where}: all directives must belong to a section`);
      if (SIGLEVEL_KEYS.has(key) && (repo === null || key === 'SigLevel') && value !== null) {
        const bad = words(value).find((w) => !isSigLevelWord(w));
        if (bad !== undefined) throw new PacmanFormatError(name, `${where}: invalid value for '${key}' : '${bad}'`);
      }
      if (repo !== null) {
        const r: PacmanRepository = repo;
        if (value === null) continue; // pacman warns and ignores
        if (key === 'Server') r.servers.push(value);
        else if (key === 'SigLevel') r.sigLevel.push(...words(value));
        else if (key === 'Usage') r.usage.push(...words(value));
        continue;
      }
      if (value === null) {
        if (!conf.flags.includes(key)) conf.flags.push(key);
        continue;
      }
      if (key in FIRST_WINS) {
        const k = FIRST_WINS[key as keyof typeof FIRST_WINS];
        conf[k] ??= value;
      } else if (key in LISTS) {
        conf[LISTS[key as keyof typeof LISTS]].push(...words(value));
      } else {
        conf.other[key] = value;
      }
    }
  };
  parse(text, file, 0);

  conf.architectures = conf.architectures.map((a) => (a === 'auto' && opts.arch ? opts.arch : a));
  const arch = conf.architectures[0];
  for (const r of conf.repositories) {
    r.servers = r.servers.map((s) => {
      if (s.includes('$arch')) {
        if (arch === undefined || arch === 'auto') {
          throw new PacmanFormatError(file, `mirror '${s}' contains the '$arch' variable, but no 'Architecture' is defined`);
        }
        s = s.replaceAll('$arch', arch);
      }
      return s.replaceAll('$repo', r.name);
    });
  }
  return conf;
}
