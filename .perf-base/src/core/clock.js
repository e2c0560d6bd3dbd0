// Time as a dependency: services, jobs and the server take a Clock so tests can fix "now"
// (test/support/clock.ts) instead of sleeping or racing the wall clock.
export const systemClock = {
    now: () => new Date(),
};
//# sourceMappingURL=clock.js.map