import type { Command } from 'commander';
export interface WaybarOutput {
    text: string;
    tooltip: string;
    /** in_sync, behind, ahead, sync_pending, unknown, offline or error. */
    class: string;
    /** Share of the target's packages installed at the target version. */
    percentage: number;
}
export declare function waybarStatus(cmd: Command): Promise<WaybarOutput>;
export declare function runWaybar(cmd: Command): Promise<void>;
