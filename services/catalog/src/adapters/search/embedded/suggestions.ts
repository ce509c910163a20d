import type { SearchDocument, Suggestion } from '../../../app/ports/search-index.ts';
import { normalizeText, tokenize } from './tokenize.ts';

/** Brand and category names, those shared by the most products first. */
export function completionCandidates(documents: Iterable<SearchDocument>): string[] {
  const productCounts = new Map<string, number>();
  for (const document of documents) {
    for (const text of new Set([document.brand, ...document.categoryNames])) {
      productCounts.set(text, (productCounts.get(text) ?? 0) + 1);
    }
  }
  return [...productCounts]
    .sort(([textA, countA], [textB, countB]) => countB - countA || (textA < textB ? -1 : 1))
    .map(([text]) => text);
}

/** True when the text holds every query word, the last one possibly incomplete. */
export function completesQuery(text: string, words: string[]): boolean {
  const textWords = tokenize(text);
  const lastWord = words.at(-1) ?? '';
  return (
    words.slice(0, -1).every((word) => textWords.includes(word)) &&
    textWords.some((word) => word.startsWith(lastWord))
  );
}

/** Appends candidates whose text is not offered yet (ignoring case and accents), up to the limit. */
export function appendUnique(
  suggestions: Suggestion[],
  candidates: Iterable<Suggestion>,
  limit: number,
): void {
  const offered = new Set(suggestions.map(({ text }) => normalizeText(text)));
  for (const candidate of candidates) {
    if (suggestions.length >= limit) return;
    const key = normalizeText(candidate.text);
    if (offered.has(key)) continue;
    offered.add(key);
    suggestions.push(candidate);
  }
}
