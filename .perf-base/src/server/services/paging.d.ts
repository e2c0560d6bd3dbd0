import { type PageOf } from '../../contracts/common.contract.js';
export interface PageRequest {
    limit: number;
    offset: number;
}
export declare function page(query: {
    limit?: number;
    offset?: number;
}): PageRequest;
export declare function pageOf<T>(items: T[], total: number, p: PageRequest): PageOf<T>;
