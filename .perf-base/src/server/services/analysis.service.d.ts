import type { AnalysisView } from '../../contracts/analysis.contract.js';
import type { ServiceContext } from './context.js';
import type { DriftTracker } from './drift-tracker.service.js';
export interface AnalysisOptions {
    /** `[features] enable_repository_analysis`. */
    enabled: boolean;
}
export declare class AnalysisService {
    private readonly ctx;
    private readonly tracker;
    private readonly options;
    constructor(ctx: ServiceContext, tracker: DriftTracker, options?: AnalysisOptions);
    analyze(poolId: string, actor: string): Promise<AnalysisView>;
    latest(poolId: string): Promise<AnalysisView>;
    private view;
}
