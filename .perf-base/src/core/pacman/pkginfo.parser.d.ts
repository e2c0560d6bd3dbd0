import type { PacmanPackage } from './types.js';
/** The package a `.PKGINFO` text describes; `file` names it in errors. */
export declare function parsePkgInfo(text: string, file: string): PacmanPackage;
