// GET /metrics and /api/v1/metrics: Prometheus text exposition format 0.0.4 (not JSON). Metric
// names and labels: README "Metrics and alerts"; built in src/server/services/metrics.service.ts.
import { Type } from '@sinclair/typebox';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export const MetricsText = Type.String({ description: 'Prometheus text format 0.0.4' });
