export async function insertDriftHistory(db, row) {
    await db.insertInto('drift_history').values(row).execute();
}
//# sourceMappingURL=drift-history.repository.js.map