import { describe, expect, test } from 'vitest';
import { statusWhy, statusWords } from '../../src/agent/drift-words.js';

describe('a sync status in words (submit, status, waybar)', () => {
  test.each([
    ['in_sync', {}, 'in sync', ''],
    ['behind', { missing: 2, behind: 4 }, '2 missing, 4 behind', ''],
    ['behind', { missing: 0, behind: 3 }, '3 behind', ''],
    ['behind', { missing: 1, behind: 0 }, '1 missing', ''],
    ['ahead', { ahead: 2, extra: 1 }, '2 ahead', ''],
    // remove_extra: extras make a machine ahead; say so rather than "0 ahead".
    ['ahead', { ahead: 0, extra: 1 }, '1 extra', " (1 extra package(s) not in the target, which the pool's remove_extra removes on sync)"],
    ['sync_pending', {}, 'syncing', ''],
    ['unknown', {}, 'unknown', ''],
  ])('%s %j → %j', (status, counts, words, why) => {
    expect(statusWords(status, counts)).toBe(words);
    expect(statusWhy(status, counts)).toBe(why);
  });
});
