export {};
//# sourceMappingURL=drift-refresher.js.map