// The package version, read from package.json (two levels up in src/, three in dist/src/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
function findPackageRoot() {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
        try {
            const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
            if (pkg.name === 'pacman-sync-utility')
                return dir;
        }
        catch {
            // not here; keep walking up
        }
        const parent = path.dirname(dir);
        if (parent === dir)
            throw new Error('package.json of pacman-sync-utility not found');
        dir = parent;
    }
}
/** The checkout or installed package's root directory. */
export const PACKAGE_ROOT = findPackageRoot();
export const VERSION = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
//# sourceMappingURL=version.js.map