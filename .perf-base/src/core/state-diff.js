import { vercmp } from './vercmp.js';
function byteOrder(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
export function diffStates(from, to) {
    const result = { added: [], removed: [], changed: [], unchanged: 0 };
    for (const name of Object.keys(to).sort(byteOrder)) {
        const after = to[name];
        if (!after)
            continue;
        const before = Object.hasOwn(from, name) ? from[name] : undefined;
        if (!before) {
            result.added.push({ name, version: after.version });
        }
        else if (before.version === after.version) {
            result.unchanged++;
        }
        else {
            const c = vercmp(after.version, before.version);
            result.changed.push({
                name,
                from_version: before.version,
                to_version: after.version,
                direction: c > 0 ? 'upgrade' : c < 0 ? 'downgrade' : 'equivalent',
            });
        }
    }
    for (const name of Object.keys(from).sort(byteOrder)) {
        const before = from[name];
        if (before && !Object.hasOwn(to, name))
            result.removed.push({ name, version: before.version });
    }
    return result;
}
//# sourceMappingURL=state-diff.js.map