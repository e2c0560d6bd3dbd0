// Parser for the `.PKGINFO` member of a package file (`*.pkg.tar.*`), as makepkg writes it and
// libalpm reads it (be_package.c parse_descfile): one `key = value` per line, `#` comments,
// repeated keys for lists. The agent reads it to check that a downloaded or cached file really is
// the package and version the plan wants, and to know its conflicts and provisions before pacman
// runs. Unknown keys are skipped (newer makepkg versions add some); a line that is not
// `key = value` is a PacmanFormatError naming the file, as it is for libalpm.
import { PacmanFormatError } from '../errors.js';
import { emptyPackage } from './desc.parser.js';
const LISTS = {
    license: 'licenses',
    group: 'groups',
    depend: 'depends',
    optdepend: 'optdepends',
    makedepend: 'makedepends',
    checkdepend: 'checkdepends',
    provides: 'provides',
    conflict: 'conflicts',
    replaces: 'replaces',
    xdata: 'xdata',
};
const STRINGS = {
    pkgname: 'name',
    pkgver: 'version',
    pkgbase: 'base',
    pkgdesc: 'desc',
    url: 'url',
    arch: 'arch',
    packager: 'packager',
};
/** The package a `.PKGINFO` text describes; `file` names it in errors. */
export function parsePkgInfo(text, file) {
    const pkg = emptyPackage();
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].replace(/\r$/, '');
        if (line.trim() === '' || line.startsWith('#'))
            continue;
        const at = line.indexOf(' = ');
        if (at <= 0)
            throw new PacmanFormatError(file, `.PKGINFO line ${i + 1}: syntax error (expected 'key = value')`);
        const key = line.slice(0, at);
        const value = line.slice(at + 3);
        const list = LISTS[key];
        if (list !== undefined) {
            (pkg[list] ??= []).push(value);
            continue;
        }
        const str = STRINGS[key];
        if (str !== undefined) {
            pkg[str] = value;
            continue;
        }
        if (key === 'size' || key === 'builddate') {
            if (!/^\d{1,15}$/.test(value))
                throw new PacmanFormatError(file, `.PKGINFO line ${i + 1}: ${key} is not a number: '${value}'`);
            pkg[key] = Number(value);
        }
    }
    if (pkg.name === '')
        throw new PacmanFormatError(file, '.PKGINFO has no pkgname');
    if (pkg.version === '')
        throw new PacmanFormatError(file, '.PKGINFO has no pkgver');
    return pkg;
}
//# sourceMappingURL=pkginfo.parser.js.map