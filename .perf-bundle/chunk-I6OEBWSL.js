// dist/src/core/names.js
var MAX_NAME_LENGTH = 255;
var MAX_VERSION_LENGTH = 255;
function check(value, what, rule) {
  if (typeof value !== "string")
    return `${what} must be a string`;
  return rule(value);
}
function describeChar(c) {
  const code = c.codePointAt(0) ?? 0;
  if (code < 33 || code === 127)
    return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${c}'`;
}
function firstInvalid(s, allowed) {
  for (const c of s)
    if (!allowed.test(c))
      return describeChar(c);
  return null;
}
function nameRule(what, allowed, allowedText) {
  return (s) => {
    if (s.length === 0)
      return `${what} must not be empty`;
    if (s.length > MAX_NAME_LENGTH)
      return `${what} is longer than ${MAX_NAME_LENGTH} characters`;
    if (s[0] === "-" || s[0] === ".")
      return `${what} must not start with '-' or '.'`;
    const bad = firstInvalid(s, allowed);
    if (bad !== null)
      return `${what} contains ${bad}; allowed are ${allowedText}`;
    return null;
  };
}
var PACKAGE_CHAR = /^[a-z0-9@._+-]$/;
var packageNameRule = nameRule("package name", PACKAGE_CHAR, "lowercase letters, digits and '@._+-'");
function isValidPackageName(value) {
  return check(value, "", packageNameRule) === null;
}
function versionProblem(s, requirePkgrel) {
  if (s.length === 0)
    return "version must not be empty";
  if (s.length > MAX_VERSION_LENGTH)
    return `version is longer than ${MAX_VERSION_LENGTH} characters`;
  let rest = s;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const epoch = rest.slice(0, colon);
    if (!/^[0-9]+$/.test(epoch))
      return `version '${s}': epoch must be a non-negative integer before ':'`;
    rest = rest.slice(colon + 1);
  }
  let pkgver = rest;
  const dash = rest.lastIndexOf("-");
  if (dash >= 0) {
    pkgver = rest.slice(0, dash);
    const pkgrel = rest.slice(dash + 1);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(pkgrel)) {
      return `version '${s}': pkgrel must be an integer or integer.integer after the last '-'`;
    }
  } else if (requirePkgrel) {
    return `version '${s}' has no pkgrel: expected [epoch:]pkgver-pkgrel`;
  }
  if (pkgver.length === 0)
    return `version '${s}': pkgver must not be empty`;
  for (const c of pkgver) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 33 || code > 126 || ":/-<>=".includes(c)) {
      return `version '${s}': pkgver contains ${describeChar(c)}; ':', '/', '-', '<', '>', '=', whitespace and non-ASCII are not allowed`;
    }
  }
  return null;
}
function isValidVersion(value, rules = {}) {
  return problemWithVersion(value, rules) === null;
}
function problemWithVersion(value, rules = {}) {
  return check(value, "version", (s) => versionProblem(s, rules.requirePkgrel ?? true));
}
var DEPENDENCY_CHAR = /^[A-Za-z0-9@._+:-]$/;
var dependencyNameRule = nameRule("dependency name", DEPENDENCY_CHAR, "letters, digits and '@._+:-'");
var PATTERN_CHAR = /^[a-z0-9@._+\-*?[\]!^]$/;
var patternRule = (s) => {
  if (s.length === 0)
    return "pattern must not be empty";
  if (s.length > MAX_NAME_LENGTH)
    return `pattern is longer than ${MAX_NAME_LENGTH} characters`;
  const bad = firstInvalid(s, PATTERN_CHAR);
  if (bad !== null) {
    return `pattern '${s}' contains ${bad}; allowed are package name characters and the globs '*?[]!^'`;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "]")
      return `pattern '${s}' has ']' without '['`;
    if (c !== "[")
      continue;
    let k = i + 1;
    if (s[k] === "!" || s[k] === "^")
      k++;
    if (s[k] === "]")
      k++;
    const close = s.indexOf("]", k);
    if (close < 0)
      return `pattern '${s}' has '[' without ']'`;
    i = close;
  }
  if (s[0] === "!")
    return `pattern '${s}' starts with '!': negated patterns are not supported`;
  if (/^[-.]/.test(s))
    return `pattern '${s}' can never match: package names do not start with '-' or '.'`;
  return null;
};
function isValidExclusionPattern(value) {
  return check(value, "", patternRule) === null;
}

export {
  isValidPackageName,
  isValidVersion,
  isValidExclusionPattern
};
