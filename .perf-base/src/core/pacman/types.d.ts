export interface PacmanPackage {
    name: string;
    /** [epoch:]pkgver-pkgrel */
    version: string;
    base?: string;
    desc?: string;
    url?: string;
    arch?: string;
    /** Unix seconds. */
    builddate?: number;
    /** Unix seconds (local database only). */
    installdate?: number;
    packager?: string;
    /** Installed size in bytes (%SIZE% in local desc, %ISIZE% in sync desc). */
    size?: number;
    /** Download size in bytes (%CSIZE%, sync databases only). */
    csize?: number;
    /** Package file name (%FILENAME%, sync databases only). */
    filename?: string;
    /** 0 = explicitly installed, 1 = installed as a dependency (local database only). */
    reason?: 0 | 1;
    validation?: string[];
    licenses: string[];
    groups: string[];
    depends: string[];
    optdepends: string[];
    makedepends: string[];
    checkdepends: string[];
    provides: string[];
    conflicts: string[];
    replaces: string[];
    sha256sum?: string;
    /** %MD5SUM% (sync databases). */
    md5sum?: string;
    pgpsig?: string;
    /** %XDATA% lines such as `pkgtype=pkg` (local databases, pacman 6). */
    xdata?: string[];
}
/** Parsed form of a dependency string such as `glibc>=2.38`, `sh`, `so:libc.so=6-64`. */
export interface Dependency {
    name: string;
    /** Comparison operator, absent for an unversioned dependency. */
    op?: '<' | '<=' | '=' | '>=' | '>';
    version?: string;
    /** Text after `: ` (optdepends descriptions). */
    description?: string;
}
