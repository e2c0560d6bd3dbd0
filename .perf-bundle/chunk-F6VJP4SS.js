import {
  satisfies
} from "./chunk-E23FFSMN.js";

// dist/src/core/dependency.js
function splitDependency(s) {
  const colon = s.indexOf(": ");
  const end = colon >= 0 ? colon : s.length;
  const dep = colon >= 0 ? s.slice(0, end) : s;
  let at = dep.indexOf("<");
  let op;
  let width = 1;
  if (at >= 0) {
    op = s[at + 1] === "=" ? "<=" : "<";
  } else if ((at = dep.indexOf(">")) >= 0) {
    op = s[at + 1] === "=" ? ">=" : ">";
  } else if ((at = dep.indexOf("=")) >= 0) {
    op = "=";
  }
  if (op === "<=" || op === ">=")
    width = 2;
  const result = { name: op === void 0 ? dep : s.slice(0, at) };
  if (op !== void 0) {
    result.op = op;
    result.version = s.slice(at + width, end);
  }
  if (colon >= 0)
    result.description = s.slice(colon + 2);
  return result;
}
function dependencySatisfiedBy(dep, pkg) {
  const d = typeof dep === "string" ? splitDependency(dep) : dep;
  if (pkg.name === d.name && satisfies(pkg.version, d.op, d.version))
    return true;
  for (const p of pkg.provides ?? []) {
    const prov = splitDependency(p);
    if (prov.name !== d.name)
      continue;
    if (d.op === void 0)
      return true;
    if (prov.op === "=" && prov.version !== void 0 && satisfies(prov.version, d.op, d.version))
      return true;
  }
  return false;
}

export {
  splitDependency,
  dependencySatisfiedBy
};
