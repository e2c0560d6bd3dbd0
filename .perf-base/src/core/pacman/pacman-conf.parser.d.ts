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
/** Parses pacman.conf `text`; `file` names it in errors (`<file>: line N: …`). */
export declare function parsePacmanConf(text: string, file: string, opts?: ParsePacmanConfOptions): PacmanConf;
