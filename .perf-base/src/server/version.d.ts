/** The checkout or installed package's root directory. */
export declare const PACKAGE_ROOT: string;
export declare const VERSION: string;
