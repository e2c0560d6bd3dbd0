export async function insertEvent(db, row) {
    await db.insertInto('system_events').values(row).execute();
}
function filtered(db, f) {
    let q = db.selectFrom('system_events');
    if (f.event_type)
        q = q.where('event_type', '=', f.event_type);
    if (f.severity)
        q = q.where('severity', '=', f.severity);
    if (f.endpoint_id)
        q = q.where('endpoint_id', '=', f.endpoint_id);
    if (f.pool_id)
        q = q.where('pool_id', '=', f.pool_id);
    // Both engines compare the same ISO-8601 UTC text/timestamptz correctly (see dialect.ts).
    if (f.since)
        q = q.where('created_at', '>=', new Date(f.since).toISOString());
    return q;
}
/** Newest first. */
export async function listEvents(db, filters, page) {
    const rows = await filtered(db, filters)
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    const { total } = await filtered(db, filters)
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirstOrThrow();
    return { rows, total: Number(total) };
}
//# sourceMappingURL=event.repository.js.map