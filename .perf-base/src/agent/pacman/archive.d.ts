export interface ArchiveRequestOptions {
    /** Per request: until the response headers, and between two chunks of a download. */
    timeoutMs: number;
    signal?: AbortSignal;
}
/**
 * The URL of `name` `version` for `arch` and extension `ext` under `base`, or null when the name or
 * version could not be a package's (they become URL path segments: no '/', no '..').
 */
export declare function archivePackageUrl(base: string, name: string, version: string, arch: string, ext: string): string | null;
export type ProbeResult = {
    found: true;
} | {
    found: false;
    reason: string;
};
/** Whether `url` exists: HEAD (GET when HEAD is not allowed), or a stat for file:// URLs. */
export declare function probeUrl(url: string, opts: ArchiveRequestOptions): Promise<ProbeResult>;
/**
 * Downloads `url` to `dest` (created or replaced). Rejects with a one-line Error (`HTTP 404`,
 * `timed out after 30 s`, `incomplete: 100 of 2000 bytes`); a partial file is removed.
 */
export declare function downloadFile(url: string, dest: string, opts: ArchiveRequestOptions): Promise<void>;
