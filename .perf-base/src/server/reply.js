export function ok(data, message, now = new Date()) {
    return message === undefined
        ? { success: true, data, timestamp: now.toISOString() }
        : { success: true, data, message, timestamp: now.toISOString() };
}
export function errorBody(code, message, details, now = new Date()) {
    return { success: false, error: { code, message, details: details ?? null }, timestamp: now.toISOString() };
}
//# sourceMappingURL=reply.js.map