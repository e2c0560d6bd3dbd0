/**
 * Columns the dialect layer converts on SQLite, by name (result rows carry names, not tables).
 * Every JSON and BOOLEAN column of every table is listed; a test checks this list against the
 * migrated schema. Do not alias other values to these names in a query.
 */
export const JSON_COLUMNS = new Set([
    'settings',
    'system_info',
    'package_summary',
    'state_data',
    'packages',
    'details',
    'permissions',
]);
export const BOOLEAN_COLUMNS = new Set(['is_target', 'is_active']);
//# sourceMappingURL=schema.js.map