// limit/offset pagination shared by list services.
import { DEFAULT_PAGE_LIMIT } from '../../contracts/common.contract.js';
export function page(query) {
    return { limit: query.limit ?? DEFAULT_PAGE_LIMIT, offset: query.offset ?? 0 };
}
export function pageOf(items, total, p) {
    return { items, total, limit: p.limit, offset: p.offset, has_more: p.offset + items.length < total };
}
//# sourceMappingURL=paging.js.map