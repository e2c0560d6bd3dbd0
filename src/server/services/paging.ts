// limit/offset pagination shared by list services.
import { DEFAULT_PAGE_LIMIT, type PageOf } from '../../contracts/common.contract.js';

export interface PageRequest {
  limit: number;
  offset: number;
}

export function page(query: { limit?: number; offset?: number }): PageRequest {
  return { limit: query.limit ?? DEFAULT_PAGE_LIMIT, offset: query.offset ?? 0 };
}

export function pageOf<T>(items: T[], total: number, p: PageRequest): PageOf<T> {
  return { items, total, limit: p.limit, offset: p.offset, has_more: p.offset + items.length < total };
}
