export interface AgentConfig {
    /** The configuration file that was read, or null when none exists. */
    file: string | null;
    /** Where writeConfigValues() should write (the file read, the one named, or the default). */
    writeTarget: string;
    server: {
        url: string | null;
        apiKey: string | null;
        /** Request timeout in seconds. */
        timeout: number;
    };
    client: {
        endpointName: string;
        /** The endpoint's id on the server (written by `register`), or null before registration. */
        endpointId: string | null;
        poolId: string | null;
        /** Package names or globs this machine never syncs (SPEC §4 per-endpoint exclusions). */
        exclude: string[];
        /** Where the daemon keeps its report queue (PACSYNC_STATE_DIR, [client] state_dir). */
        stateDir: string;
    };
    /** `pacsync daemon` timings, in seconds. */
    daemon: {
        /** Authenticated contact with the server (keeps the endpoint online). */
        heartbeatInterval: number;
        /** Looking for operations the server started. */
        pollInterval: number;
        /** Checking the local database for changes. */
        watchInterval: number;
        /** Longest wait between retries while the server is unreachable. */
        maxBackoff: number;
    };
    pacman: {
        command: string;
        root: string;
        /** Default `<root>/var/lib/pacman`, like pacman's own --root. */
        dbpath: string;
        configPath: string;
        cacheDir: string;
        /** Arch Linux Archive layout base URL for old versions, or null. */
        archiveUrl: string | null;
        /** Mirrors of the archive layout, tried after archive_url (URLs checked by the executor). */
        archiveMirrors: string[];
        /** Run pacman through sudo (default: when not root). */
        useSudo: boolean;
    };
}
/** Every key the agent knows, by section. */
export declare const CONFIG_KEYS: {
    readonly server: {
        readonly url: "url";
        readonly api_key: "string";
        readonly timeout: "seconds";
    };
    readonly client: {
        readonly endpoint_name: "string";
        readonly endpoint_id: "string";
        readonly pool_id: "string";
        readonly exclude: "list";
        readonly state_dir: "path";
    };
    readonly daemon: {
        readonly heartbeat_interval: "seconds";
        readonly poll_interval: "seconds";
        readonly watch_interval: "seconds";
        readonly max_backoff: "seconds";
    };
    readonly pacman: {
        readonly command: "string";
        readonly root: "path";
        readonly dbpath: "path";
        readonly config_path: "path";
        readonly cache_dir: "path";
        readonly archive_url: "url";
        readonly archive_mirrors: "list";
        readonly use_sudo: "bool";
    };
};
export type ConfigSection = keyof typeof CONFIG_KEYS;
export interface LoadConfigOptions {
    /** The global --config flag. */
    configFlag?: string;
    env?: NodeJS.ProcessEnv;
    /** Home directory (default os.homedir()). */
    home?: string;
    /** Accept an explicitly named file that does not exist yet (writers such as `register`). */
    allowMissing?: boolean;
}
/** Candidate files in lookup order. */
export declare function configCandidates(home?: string): string[];
/** Loads and validates the configuration. Throws ConfigError. */
export declare function loadConfig(opts?: LoadConfigOptions): AgentConfig;
/**
 * Sets keys in the configuration file (creating it and its directory if needed), keeping every
 * other line — comments included — as it was. The file is replaced atomically and left with mode
 * 0600: it holds the endpoint's API key. Values are validated like loadConfig does.
 */
export declare function writeConfigValues(file: string, updates: Partial<Record<ConfigSection, Record<string, string>>>): void;
