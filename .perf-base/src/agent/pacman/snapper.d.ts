/** The first executable `name` on `PATH`, or null. */
export declare function findOnPath(name: string, env?: NodeJS.ProcessEnv): string | null;
/** Whether snapper is on PATH and snap-pac's hooks are installed in `root`. */
export declare function snapPacInstalled(root: string, env?: NodeJS.ProcessEnv): boolean;
