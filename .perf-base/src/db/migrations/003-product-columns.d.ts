import type { Migration } from '../migration.js';
declare const migration: Migration;
export default migration;
