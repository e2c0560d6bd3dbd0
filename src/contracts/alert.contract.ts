// Alerts (seed "Alerting Thresholds", issue #12): GET /api/v1/alerts, and the active alerts that
// /health/ready lists when it answers `degraded`.
import { Type, type Static } from '@sinclair/typebox';
import { IsoTimestamp, JsonObject, NullableIsoTimestamp } from './common.contract.js';

export const AlertName = Type.Union([
  Type.Literal('connection_usage'),
  Type.Literal('database_size'),
  Type.Literal('slow_queries'),
  Type.Literal('failed_operations'),
]);
export type AlertName = Static<typeof AlertName>;

export const AlertSeverity = Type.Union([Type.Literal('warning'), Type.Literal('critical')]);
export type AlertSeverity = Static<typeof AlertSeverity>;

export const AlertView = Type.Object({
  name: AlertName,
  severity: AlertSeverity,
  /** True while raised; false for a recently cleared alert (`?include_cleared=true`). */
  active: Type.Boolean(),
  /** The latest reading (percent, bytes, milliseconds…: see `details.unit`). */
  value: Type.Number(),
  threshold: Type.Number(),
  message: Type.String(),
  details: JsonObject,
  raised_at: IsoTimestamp,
  cleared_at: NullableIsoTimestamp,
  /** When the reading was last taken. */
  updated_at: IsoTimestamp,
});
export type AlertView = Static<typeof AlertView>;

export const AlertListQuery = Type.Object(
  {
    /** Also alerts cleared within the last `cleared_within` hours. */
    include_cleared: Type.Optional(Type.Boolean({ default: false })),
    /** Hours (default 24). */
    cleared_within: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 })),
  },
  { additionalProperties: false },
);
export type AlertListQuery = Static<typeof AlertListQuery>;

export const AlertList = Type.Object({ items: Type.Array(AlertView) });
export type AlertList = Static<typeof AlertList>;
