import type { Command } from 'commander';
import type { DriftView } from '../../contracts/report.contract.js';
/** `3 missing, 2 behind, 0 ahead, 1 extra, 0 foreign, 0 excluded` */
export declare function driftLine(d: Partial<DriftView>): string;
export declare function runSubmit(opts: {
    json?: boolean;
}, cmd: Command): Promise<void>;
