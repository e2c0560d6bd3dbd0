import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
export type Dialect = 'sqlite' | 'pg';
/** A new primary key. The same code path on both engines (SQLite has no UUID generator). */
export declare function newId(): string;
/** Converts parameters on the way in (both engines) and SQLite's JSON/boolean text on the way out. */
export declare class ValueMappingPlugin implements KyselyPlugin {
    private readonly dialect;
    private readonly transformer;
    constructor(dialect: Dialect);
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode;
    transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>>;
}
/** Type parsers for one pg pool (not pg's global registry, so other pg users are unaffected). */
export declare const pgTypeParsers: {
    getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown;
};
/** Column type and default spellings for DDL in migrations (SPEC §3 dialect mapping). */
export interface DdlTypes {
    /** UUID primary key: PostgreSQL keeps the seed's DEFAULT gen_random_uuid(); the app supplies ids. */
    uuidPk: string;
    uuid: string;
    json: string;
    bool: string;
    true: string;
    false: string;
    timestamptz: string;
    /** DEFAULT expression for "now" in the engine's timestamp representation. */
    now: string;
}
export declare function ddlTypes(dialect: Dialect): DdlTypes;
