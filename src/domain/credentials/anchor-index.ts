/**
 * Finds which of many literal anchors occur in a text in one pass. Hundreds of vendor rules
 * each asking `includes()` would cost more than the whole scan; here every position costs
 * one array read, and only positions whose first two characters start some anchor go on
 * to compare strings.
 */

const TABLE_SIZE = 1 << 14;

/** Folds two char codes into a table slot; collisions only cost a wasted comparison. */
const slot = (a: number, b: number): number => ((a & 0x7f) << 7) | (b & 0x7f);

export interface AnchorIndex {
  /** The ids whose anchors occur in `lower` (the lower-cased text), each once. */
  present(lower: string): Set<number>;
}

/** Builds an index over `[anchor, id]` pairs; anchors are lower-case and at least 2 long. */
export function buildAnchorIndex(pairs: readonly (readonly [string, number])[]): AnchorIndex {
  const bySlot: ((readonly [string, number])[] | undefined)[] = new Array(TABLE_SIZE).fill(undefined);
  for (const pair of pairs) {
    const [anchor] = pair;
    const key = slot(anchor.charCodeAt(0), anchor.charCodeAt(1));
    (bySlot[key] ??= []).push(pair);
  }
  return {
    present(lower) {
      const found = new Set<number>();
      let next = lower.charCodeAt(0);
      for (let i = 0; i < lower.length - 1; i++) {
        const current = next;
        next = lower.charCodeAt(i + 1);
        const candidates = bySlot[slot(current, next)];
        if (candidates === undefined) continue;
        for (const [anchor, id] of candidates) {
          if (!found.has(id) && lower.startsWith(anchor, i)) found.add(id);
        }
      }
      return found;
    },
  };
}
