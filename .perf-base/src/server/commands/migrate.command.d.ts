import type { Command } from 'commander';
import { type MigrationStatus } from '../../db/migrator.js';
export declare function formatStatus(rows: readonly MigrationStatus[]): string;
export declare function registerMigrateCommand(program: Command): void;
