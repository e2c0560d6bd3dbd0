// Package states: endpoint reports and pool targets (seed package_states).
//
// Convention shared by every state-writing service: a pool TARGET (current or former) is a row
// with pool_id set and endpoint_id NULL — it belongs to the pool, so deleting the endpoint that
// set it (ON DELETE CASCADE) cannot delete the pool's target; its source endpoint is named in
// created_by. An endpoint REPORT has endpoint_id set (and pool_id = the endpoint's pool when
// reported). Exactly one row per pool has is_target = true (seed partial unique index).
import { Type } from '@sinclair/typebox';
import { IsoTimestamp, JsonObject, PaginationProperties, Uuid } from './common.contract.js';
import { PackageVersion } from './package.contract.js';
export const StateKind = Type.Union([Type.Literal('target'), Type.Literal('report')]);
export const PoolStatesQuery = Type.Object({
    ...PaginationProperties,
    endpoint_id: Type.Optional(Uuid),
    /** true: only the current target; false: everything else. */
    is_target: Type.Optional(Type.Boolean()),
    /** target: current and former targets; report: endpoint reports. */
    kind: Type.Optional(StateKind),
}, { additionalProperties: false });
/** A state without its package list (history rows). */
export const StateSummary = Type.Object({
    id: Uuid,
    pool_id: Type.Union([Uuid, Type.Null()]),
    endpoint_id: Type.Union([Uuid, Type.Null()]),
    kind: StateKind,
    is_target: Type.Boolean(),
    message: Type.Union([Type.String(), Type.Null()]),
    created_by: Type.Union([Type.String(), Type.Null()]),
    created_at: IsoTimestamp,
    total_packages: Type.Integer({ minimum: 0 }),
    content_hash: Type.Union([Type.String(), Type.Null()]),
});
/** One state with its `state_data` (`{packages, metadata}`, core PackageStateData). */
export const StateDetail = Type.Composite([
    StateSummary,
    Type.Object({
        state_data: Type.Object({ packages: JsonObject, metadata: JsonObject }, { additionalProperties: true }),
    }),
]);
export const StateDiffParams = Type.Object({ a: Uuid, b: Uuid }, { additionalProperties: false });
/** Difference from state `a` (from) to state `b` (to), names sorted. */
export const StateDiff = Type.Object({
    from: Uuid,
    to: Uuid,
    added: Type.Array(Type.Object({ name: Type.String(), version: PackageVersion })),
    removed: Type.Array(Type.Object({ name: Type.String(), version: PackageVersion })),
    changed: Type.Array(Type.Object({
        name: Type.String(),
        from_version: PackageVersion,
        to_version: PackageVersion,
        /** By pacman's vercmp: upgrade (newer), downgrade (older), equivalent (equal, spelled differently). */
        direction: Type.Union([Type.Literal('upgrade'), Type.Literal('downgrade'), Type.Literal('equivalent')]),
    })),
    unchanged: Type.Integer({ minimum: 0 }),
});
//# sourceMappingURL=state.contract.js.map