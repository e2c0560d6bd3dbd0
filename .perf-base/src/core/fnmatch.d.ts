/** True when the pattern has no special character: it can only match itself. */
export declare function isLiteralPattern(pattern: string): boolean;
/** A compiled pattern: call it with a name. */
export type NameMatcher = (name: string) => boolean;
/** Compiles an fnmatch pattern (flags 0, C locale) into a matcher. */
export declare function compileFnmatch(pattern: string): NameMatcher;
/** `fnmatch(pattern, name, 0) == 0` — prefer {@link compileFnmatch} for repeated use. */
export declare function fnmatch(pattern: string, name: string): boolean;
