// snapper with snap-pac: pacman hooks that take a filesystem snapshot before and after every
// transaction. Where it is installed we record the snapshot numbers the hooks print (see
// SnapshotCollector), so the operation log keeps a filesystem rollback one step away.
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
/** The first executable `name` on `PATH`, or null. */
export function findOnPath(name, env = process.env) {
    for (const dir of (env.PATH ?? '').split(path.delimiter)) {
        if (dir === '')
            continue;
        const file = path.join(dir, name);
        try {
            accessSync(file, constants.X_OK);
            return file;
        }
        catch {
            // not here
        }
    }
    return null;
}
/** Whether snapper is on PATH and snap-pac's hooks are installed in `root`. */
export function snapPacInstalled(root, env = process.env) {
    if (findOnPath('snapper', env) === null)
        return false;
    try {
        return readdirSync(path.join(root, 'usr/share/libalpm/hooks')).some((f) => f.includes('snap-pac'));
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=snapper.js.map