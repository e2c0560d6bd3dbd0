// The audit log (seed system_events).
import { Type, type Static } from '@sinclair/typebox';
import { IsoTimestamp, JsonObject, PaginationProperties, Uuid } from './common.contract.js';

export const EventSeverity = Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('error'), Type.Literal('critical')]);
export type EventSeverity = Static<typeof EventSeverity>;

/** Event types are snake_case words (`pool_created`, `endpoint_registered`, …). */
export const EventType = Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9_.]*$' });

export const EventListQuery = Type.Object(
  {
    ...PaginationProperties,
    event_type: Type.Optional(EventType),
    severity: Type.Optional(EventSeverity),
    endpoint_id: Type.Optional(Uuid),
    pool_id: Type.Optional(Uuid),
    /** Only events at or after this instant. */
    since: Type.Optional(IsoTimestamp),
  },
  { additionalProperties: false },
);
export type EventListQuery = Static<typeof EventListQuery>;

export const EventView = Type.Object({
  id: Uuid,
  event_type: Type.String(),
  severity: Type.String(),
  message: Type.String(),
  details: JsonObject,
  /** Who did it: the API key's name and id (never the key), `cli`, or `system`. */
  user_id: Type.Union([Type.String(), Type.Null()]),
  endpoint_id: Type.Union([Uuid, Type.Null()]),
  pool_id: Type.Union([Uuid, Type.Null()]),
  created_at: IsoTimestamp,
});
export type EventView = Static<typeof EventView>;
