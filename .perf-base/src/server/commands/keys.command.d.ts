import { type Command } from 'commander';
import type { KeyView } from '../../contracts/key.contract.js';
export declare function formatKeyTable(keys: readonly KeyView[]): string;
export declare function registerKeysCommand(program: Command): void;
