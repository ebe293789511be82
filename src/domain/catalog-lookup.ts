import type { Catalog, System } from './types.js';

/**
 * The catalog system a message talks about, by id or name as a whole word, when exactly
 * one is named: used to point the poster at that system's safe way to share access.
 */
export function systemMentioned(catalog: Catalog, text: string): System | undefined {
  const lower = text.toLowerCase();
  const named = catalog.systems.filter((system) => [system.id, system.name].some((word) => containsWord(lower, word.toLowerCase())));
  return named.length === 1 ? named[0] : undefined;
}

function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
  }
  return false;
}

const isWordChar = (char: string | undefined) => char !== undefined && /[a-z0-9_]/.test(char);
