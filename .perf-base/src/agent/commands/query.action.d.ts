/** Runs the query; sets process.exitCode to 1 when a name was not found or nothing was listed. */
export declare function runQuery(dbpath: string, names: string[], opts: {
    info: boolean;
}): void;
