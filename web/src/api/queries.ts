// Query keys and fetchers in one place, so the live layer (api/live.ts) can invalidate by prefix:
// ['pools'], ['pool', id, …], ['endpoints', …], ['endpoint', id, …], ['operations', …].
import { useQuery } from '@tanstack/react-query';
import type {
  AnalysisView,
  CallerView,
  DriftHistoryView,
  EndpointDetail,
  EndpointDriftReport,
  EndpointView,
  EventView,
  KeyView,
  OperationView,
  PageOf,
  PoolDetail,
  PoolView,
  StateDetail,
  StateDiff,
  StateSummary,
} from '../../../src/contracts/index.js';
import { api } from './client.js';

export type { CallerView };

export const usePools = () => useQuery({ queryKey: ['pools'], queryFn: () => api.get<PageOf<PoolView>>('/pools', { limit: 1000 }) });

/** `enabled: false` while the pool is being deleted: a refetch then would only find it gone. */
export const usePool = (id: string, enabled = true) =>
  useQuery({ queryKey: ['pool', id], queryFn: () => api.get<PoolDetail>(`/pools/${id}`), enabled: enabled && id !== '' });

export const usePoolMembers = (id: string) =>
  useQuery({ queryKey: ['endpoints', 'pool', id], queryFn: () => api.get<PageOf<EndpointView>>('/endpoints', { pool_id: id, limit: 1000 }) });

export const useDriftHistory = (id: string, enabled = true) =>
  useQuery({
    queryKey: ['pool', id, 'drift-history'],
    queryFn: () => api.get<DriftHistoryView>(`/pools/${id}/drift-history`, { limit: 500 }),
    enabled,
  });

export const useTargetHistory = (id: string) =>
  useQuery({
    queryKey: ['pool', id, 'targets'],
    queryFn: () => api.get<PageOf<StateSummary>>(`/pools/${id}/states`, { kind: 'target', limit: 100 }),
  });

export const useState_ = (id: string | null | undefined) =>
  useQuery({ queryKey: ['state', id], queryFn: () => api.get<StateDetail>(`/states/${id}`), enabled: !!id, staleTime: Infinity });

export const useStateDiff = (a: string | null | undefined, b: string | null | undefined) =>
  useQuery({
    queryKey: ['diff', a, b],
    queryFn: () => api.get<StateDiff>(`/states/${a}/diff/${b}`),
    enabled: !!a && !!b && a !== b,
    staleTime: Infinity,
  });

export const useEndpoint = (id: string) => useQuery({ queryKey: ['endpoint', id], queryFn: () => api.get<EndpointDetail>(`/endpoints/${id}`) });

/** Keyed by the target too: a new target re-reads it even when no count changed. */
export const useEndpointDrift = (id: string, targetId: string | null | undefined) =>
  useQuery({ queryKey: ['endpoint', id, 'drift', targetId ?? null], queryFn: () => api.get<EndpointDriftReport>(`/endpoints/${id}/drift`) });

export const useEndpointOperations = (id: string) =>
  useQuery({ queryKey: ['endpoint', id, 'operations'], queryFn: () => api.get<PageOf<OperationView>>(`/endpoints/${id}/operations`, { limit: 50 }) });

export interface OperationFilter {
  status?: string;
  operation_type?: string;
  limit?: number;
  offset?: number;
}

export const usePoolOperations = (id: string | null, filter: OperationFilter = {}) =>
  useQuery({
    queryKey: ['operations', 'pool', id, filter],
    queryFn: () => api.get<PageOf<OperationView>>(`/pools/${id}/operations`, { limit: 50, ...filter }),
    enabled: !!id,
  });

/** `GET /operations`: the whole fleet's, or one pool's when `filter.pool_id` is set. */
export const useFleetOperations = (filter: OperationFilter & { pool_id?: string; endpoint_id?: string }, enabled = true) =>
  useQuery({
    queryKey: ['operations', 'fleet', filter],
    queryFn: () => api.get<PageOf<OperationView>>('/operations', { limit: 50, ...filter }),
    enabled,
  });

export const useAnalysis = (id: string, enabled: boolean) =>
  useQuery({ queryKey: ['pool', id, 'analysis'], queryFn: () => api.get<AnalysisView>(`/pools/${id}/analysis`), enabled, retry: false });

export interface EventFilter {
  event_type?: string;
  severity?: string;
  pool_id?: string;
  endpoint_id?: string;
  since?: string;
  limit?: number;
  offset?: number;
}

export const useEvents = (filter: EventFilter) =>
  useQuery({ queryKey: ['events', filter], queryFn: () => api.get<PageOf<EventView>>('/events', { limit: 50, ...filter }) });

export const useKeys = (includeRevoked: boolean) =>
  useQuery({ queryKey: ['keys', includeRevoked], queryFn: () => api.get<KeyView[]>('/keys', { include_revoked: includeRevoked }) });

/**
 * Which optional parts the server offers (jobs, alerts — later releases), read from its OpenAPI
 * document: the UI shows only those, and never asks for a route that is not there.
 */
export const useServerFeatures = () =>
  useQuery({
    queryKey: ['features'],
    staleTime: Infinity,
    queryFn: async () => {
      const res = await fetch('/docs/json');
      const doc = res.ok ? ((await res.json()) as { paths?: Record<string, unknown> }) : {};
      const paths = Object.keys(doc.paths ?? {});
      return { jobs: paths.includes('/api/v1/jobs'), alerts: paths.includes('/api/v1/alerts') };
    },
  });
