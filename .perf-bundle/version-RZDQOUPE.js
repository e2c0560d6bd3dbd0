// dist/src/server/version.js
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
function findPackageRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
      if (pkg.name === "pacman-sync-utility")
        return dir;
    } catch {
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error("package.json of pacman-sync-utility not found");
    dir = parent;
  }
}
var PACKAGE_ROOT = findPackageRoot();
var VERSION = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).version;
export {
  PACKAGE_ROOT,
  VERSION
};
