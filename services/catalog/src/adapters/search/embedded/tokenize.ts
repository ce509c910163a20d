const COMBINING_MARKS = /\p{M}+/gu;
const NON_WORD_CHARACTERS = /[^\p{L}\p{N}]+/u;

/** Lowercases and strips diacritics, so "Café" and "cafe" compare equal. */
export function normalizeText(text: string): string {
  // Marks must go before splitting, or "naïve" (decomposed) would split into "nai" + "ve".
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Splits text into normalized words; used for both indexing and queries. */
export function tokenize(text: string): string[] {
  return normalizeText(text)
    .split(NON_WORD_CHARACTERS)
    .filter((word) => word.length > 0);
}
