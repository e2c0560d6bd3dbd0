// Words every configuration reader shares: the one list of boolean spellings, and the "did you
// mean" suggestion for a misspelled section or key.

/** Booleans, in the file and the environment alike (case-insensitive). */
export const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'on', '1']);
export const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', 'off', '0']);

/** true, false, or undefined when `text` is no boolean word. */
export function booleanWord(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** The known name closest to `name` (same letters but case, or up to two edits; one for short names), if any. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const limit = lower.length < 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(candidate.toLowerCase(), lower);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance (short words only). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
