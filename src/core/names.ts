// Validators for names and versions on input (README "Domain rules": Versions and names).
// Each rule has a throwing form, `validateX(value, field)`, which returns the value or throws a
// ValidationError naming the field and the problem, and a non-throwing `isValidX(value)`.
// The rules are makepkg's and pacman's (libmakepkg lint_pkgbuild, pacman.conf parsing), made
// strict where the product needs it (see each function).
import { ValidationError } from './errors.js';

/** Longest name accepted (package, dependency, repository, pattern): a file name's limit. */
export const MAX_NAME_LENGTH = 255;
/** Longest version accepted. */
export const MAX_VERSION_LENGTH = 255;

type Check = (value: string) => string | null;

function check(value: unknown, what: string, rule: Check): string | null {
  if (typeof value !== 'string') return `${what} must be a string`;
  return rule(value);
}

function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x21 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${c}'`;
}

/** The first character of `s` not matched by `allowed`, described for a message, or null. */
function firstInvalid(s: string, allowed: RegExp): string | null {
  for (const c of s) if (!allowed.test(c)) return describeChar(c);
  return null;
}

function nameRule(what: string, allowed: RegExp, allowedText: string): Check {
  return (s) => {
    if (s.length === 0) return `${what} must not be empty`;
    if (s.length > MAX_NAME_LENGTH) return `${what} is longer than ${MAX_NAME_LENGTH} characters`;
    if (s[0] === '-' || s[0] === '.') return `${what} must not start with '-' or '.'`;
    const bad = firstInvalid(s, allowed);
    if (bad !== null) return `${what} contains ${bad}; allowed are ${allowedText}`;
    return null;
  };
}

// ---- package names -------------------------------------------------------------------------

const PACKAGE_CHAR = /^[a-z0-9@._+-]$/;
// Pacman and makepkg would accept upper case too; the spec (and Arch's repositories and the AUR)
// keep package names lower case.
const packageNameRule = nameRule('package name', PACKAGE_CHAR, "lowercase letters, digits and '@._+-'");

/** Package name: lowercase ASCII letters, digits and `@._+-`, not starting with `-` or `.`. */
export function validatePackageName(value: unknown, field = 'name'): string {
  const problem = check(value, 'package name', packageNameRule);
  if (problem !== null) throw new ValidationError(field, problem);
  return value as string;
}

export function isValidPackageName(value: unknown): value is string {
  return check(value, '', packageNameRule) === null;
}

/** Why `value` is not a valid package name (a message without the field), or null when it is. */
export function problemWithPackageName(value: unknown): string | null {
  return check(value, 'package name', packageNameRule);
}

// ---- versions ------------------------------------------------------------------------------

export interface VersionRules {
  /**
   * Whether `-pkgrel` is required. True (the default) for package versions — every package in a
   * pacman database has one; false for versions in dependencies (`glibc>=2.38`).
   */
  requirePkgrel?: boolean;
}

function versionProblem(s: string, requirePkgrel: boolean): string | null {
  if (s.length === 0) return 'version must not be empty';
  if (s.length > MAX_VERSION_LENGTH) return `version is longer than ${MAX_VERSION_LENGTH} characters`;
  let rest = s;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const epoch = rest.slice(0, colon);
    if (!/^[0-9]+$/.test(epoch)) return `version '${s}': epoch must be a non-negative integer before ':'`;
    rest = rest.slice(colon + 1);
  }
  let pkgver = rest;
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) {
    pkgver = rest.slice(0, dash);
    const pkgrel = rest.slice(dash + 1);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(pkgrel)) {
      return `version '${s}': pkgrel must be an integer or integer.integer after the last '-'`;
    }
  } else if (requirePkgrel) {
    return `version '${s}' has no pkgrel: expected [epoch:]pkgver-pkgrel`;
  }
  if (pkgver.length === 0) return `version '${s}': pkgver must not be empty`;
  // makepkg forbids ':', '/', '-' and whitespace in pkgver; we also keep it to printable ASCII
  // and refuse the operators '<', '>', '=', which would make `name=version` provisions ambiguous.
  for (const c of pkgver) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x21 || code > 0x7e || ':/-<>='.includes(c)) {
      return `version '${s}': pkgver contains ${describeChar(c)}; ':', '/', '-', '<', '>', '=', whitespace and non-ASCII are not allowed`;
    }
  }
  return null;
}

/**
 * Package version `[epoch:]pkgver-pkgrel`: epoch digits; pkgver printable ASCII without `:`, `/`,
 * `-` or whitespace; pkgrel `N` or `N.M`. The pkgrel is required unless `requirePkgrel: false`
 * (versions inside dependency strings): installed and repository packages always carry one, so
 * a state report without it is malformed.
 */
export function validateVersion(value: unknown, field = 'version', rules: VersionRules = {}): string {
  const problem = check(value, 'version', (s) => versionProblem(s, rules.requirePkgrel ?? true));
  if (problem !== null) throw new ValidationError(field, problem);
  return value as string;
}

export function isValidVersion(value: unknown, rules: VersionRules = {}): value is string {
  return problemWithVersion(value, rules) === null;
}

/** Why `value` is not a valid version (a message without the field), or null when it is. */
export function problemWithVersion(value: unknown, rules: VersionRules = {}): string | null {
  return check(value, 'version', (s) => versionProblem(s, rules.requirePkgrel ?? true));
}

// ---- dependency and provision names --------------------------------------------------------

// Provisions name libraries and virtual packages, which may hold upper case (`libGL.so`) and a
// namespace prefix (`so:libc.so`), so they are looser than package names.
const DEPENDENCY_CHAR = /^[A-Za-z0-9@._+:-]$/;
const dependencyNameRule = nameRule('dependency name', DEPENDENCY_CHAR, "letters, digits and '@._+:-'");

/** Name part of a dependency or provision (`glibc`, `libGL.so`, `so:libc.so`). */
export function validateDependencyName(value: unknown, field = 'dependency'): string {
  const problem = check(value, 'dependency name', dependencyNameRule);
  if (problem !== null) throw new ValidationError(field, problem);
  return value as string;
}

export function isValidDependencyName(value: unknown): value is string {
  return problemWithDependencyName(value) === null;
}

/** Why `value` is not a valid dependency name (a message without the field), or null. */
export function problemWithDependencyName(value: unknown): string | null {
  return check(value, 'dependency name', dependencyNameRule);
}

// ---- repository names ----------------------------------------------------------------------

const REPOSITORY_CHAR = /^[A-Za-z0-9@._+-]$/;
const repositoryNameRule: Check = (s) => {
  const base = nameRule('repository name', REPOSITORY_CHAR, "letters, digits and '@._+-'")(s);
  if (base !== null) return base;
  // [options] is pacman.conf's own section; `local` is the name of the local database.
  if (s === 'options' || s === 'local') return `repository name '${s}' is reserved by pacman`;
  return null;
};

/**
 * Sync repository name as a pacman.conf section (`core`, `extra`, `home_user_Arch`): it is also the
 * database's file name (`<name>.db`), so no spaces or `/`; `options` and `local` are reserved.
 */
export function validateRepositoryName(value: unknown, field = 'repository'): string {
  const problem = check(value, 'repository name', repositoryNameRule);
  if (problem !== null) throw new ValidationError(field, problem);
  return value as string;
}

export function isValidRepositoryName(value: unknown): value is string {
  return check(value, '', repositoryNameRule) === null;
}

/** Why `value` is not a valid repository name, or null when it is. */
export function problemWithRepositoryName(value: unknown): string | null {
  return check(value, 'repository name', repositoryNameRule);
}

// ---- exclusion patterns --------------------------------------------------------------------

const PATTERN_CHAR = /^[a-z0-9@._+\-*?[\]!^]$/;
const patternRule: Check = (s) => {
  if (s.length === 0) return 'pattern must not be empty';
  if (s.length > MAX_NAME_LENGTH) return `pattern is longer than ${MAX_NAME_LENGTH} characters`;
  const bad = firstInvalid(s, PATTERN_CHAR);
  if (bad !== null) {
    return `pattern '${s}' contains ${bad}; allowed are package name characters and the globs '*?[]!^'`;
  }
  // Brackets must pair up: `[` opens a class (`[!...]`/`[^...]` negated) closed by the next `]`
  // after at least one member, as fnmatch (pacman's IgnorePkg) reads it.
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ']') return `pattern '${s}' has ']' without '['`;
    if (c !== '[') continue;
    let k = i + 1;
    if (s[k] === '!' || s[k] === '^') k++;
    if (s[k] === ']') k++; // a leading ']' is a member
    const close = s.indexOf(']', k);
    if (close < 0) return `pattern '${s}' has '[' without ']'`;
    i = close;
  }
  // fnmatch lists (pacman's IgnorePkg, picomatch) read a leading '!' as negation of the whole
  // pattern; exclusions are a plain list, so reject it rather than guess.
  if (s[0] === '!') return `pattern '${s}' starts with '!': negated patterns are not supported`;
  if (/^[-.]/.test(s)) return `pattern '${s}' can never match: package names do not start with '-' or '.'`;
  return null;
};

/**
 * Exclusion pattern: an exact package name or an fnmatch glob over package names
 * (`linux*`, `python-?`, `lib[0-9]*`, `[!a]*`), as pacman's IgnorePkg takes them.
 */
export function validateExclusionPattern(value: unknown, field = 'excluded_packages'): string {
  const problem = check(value, 'pattern', patternRule);
  if (problem !== null) throw new ValidationError(field, problem);
  return value as string;
}

export function isValidExclusionPattern(value: unknown): value is string {
  return check(value, '', patternRule) === null;
}

/** A UUID in its text form (ids of pools, endpoints, states, operations, keys). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
