import { describe, expect, test } from 'vitest';
import { printable } from '../../src/core/printable.js';

describe('printable: text from the network shown on a terminal', () => {
  test.each([
    ['glibc', 'glibc'],
    ['curl\nsync completed', 'curl\\nsync completed'],
    ['a\r\tb', 'a\\r\\tb'],
    ['\u001b[2J\u001b]0;title\u0007', '\\e[2J\\e]0;title\\x07'],
    ['\u007f\u0085', '\\x7f\\x85'],
    ['abc\u202egpj.exe', 'abc\\u202egpj.exe'],
    ['ünïcödé stays', 'ünïcödé stays'],
  ])('%j → %j', (input, shown) => {
    expect(printable(input)).toBe(shown);
  });
});
