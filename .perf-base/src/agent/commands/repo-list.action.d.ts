export interface RepoListPaths {
    dbpath: string;
    configPath: string;
}
export declare function runRepoList(paths: RepoListPaths, only: string[]): Promise<void>;
