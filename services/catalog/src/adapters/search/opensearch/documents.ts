import type { Client } from '@opensearch-project/opensearch';
import type { SearchDocument, SearchHit } from '../../../app/ports/search-index.ts';
import type { Money } from '../../../domain/money.ts';
import { normalizeText, tokenize } from '../embedded/tokenize.ts';

/**
 * What the index stores: the document, plus its text split by the embedded tokenizer,
 * so both engines see the same words (OpenSearch's asciifolding and Unicode
 * decomposition disagree on letters like "ø" or "ß").
 */
export interface StoredDocument extends SearchDocument {
  words: { name: string; brand: string; categoryNames: string; description: string };
  nameKey: string;
  completions: string[];
  completionWords: string;
}

/** Source fields a hit needs; the rest stays on the server. */
export const HIT_SOURCE_FIELDS = [
  'productId',
  'name',
  'brand',
  'image',
  'price',
  'compareAtPrice',
  'inStock',
];

export interface RawHit {
  _id: string;
  _score?: number | null;
  _source?: Partial<StoredDocument>;
}

export function toStoredDocument(document: SearchDocument): StoredDocument {
  const completions = [...new Set([document.brand, ...document.categoryNames])];
  return {
    ...document,
    words: {
      name: groupedWords(document.name),
      brand: groupedWords(document.brand),
      categoryNames: groupedWords(document.categoryNames.join(' ')),
      description: groupedWords(document.description),
    },
    nameKey: normalizeText(document.name),
    completions,
    completionWords: [...new Set(tokenize(completions.join(' ')))].join(' '),
  };
}

/** "a b a" → "a|a b": one entry per distinct word, repeats joined (see the `words` analyzer). */
function groupedWords(text: string): string {
  const repeats = new Map<string, string[]>();
  for (const word of tokenize(text)) repeats.set(word, [...(repeats.get(word) ?? []), word]);
  return [...repeats.values()].map((copies) => copies.join('|')).join(' ');
}

export function toSearchHit(hit: RawHit): SearchHit {
  const source = hit._source ?? {};
  return {
    productId: source.productId ?? hit._id,
    name: source.name ?? '',
    brand: source.brand ?? '',
    image: source.image ?? null,
    price: moneyOf(source.price),
    compareAtPrice: moneyOf(source.compareAtPrice),
    inStock: source.inStock ?? false,
    score: hit._score ?? 0,
  };
}

function moneyOf(money: Money | null | undefined): Money | null {
  return money ? { amount: money.amount, currency: money.currency } : null;
}

const BULK_BATCH = 500;

/** One bulk operation: its action line, and the document line when it has one. */
export type BulkOperation = object[];

export function indexOperations(index: string, documents: SearchDocument[]): BulkOperation[] {
  return documents.map((document) => [
    { index: { _index: index, _id: document.productId } },
    toStoredDocument(document),
  ]);
}

export function deleteOperations(index: string, productIds: string[]): BulkOperation[] {
  return productIds.map((id) => [{ delete: { _index: index, _id: id } }]);
}

interface BulkItem {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string };
}

/**
 * Sends operations in batches and throws on the first failed item: the bulk API answers
 * 200 even when items fail. Deleting a missing document is not a failure.
 */
export async function bulkWrite(
  client: Client,
  operations: BulkOperation[],
  refresh: boolean | 'wait_for',
): Promise<void> {
  for (let start = 0; start < operations.length; start += BULK_BATCH) {
    const lines = operations.slice(start, start + BULK_BATCH).flat();
    const { body } = await client.bulk({ body: lines, refresh });
    if (!body.errors) continue;
    const items = (body.items as Record<string, BulkItem>[]).flatMap((item) => Object.values(item));
    const failed = items.find((item) => item.error !== undefined && item.result !== 'not_found');
    if (failed)
      throw new Error(`OpenSearch bulk write failed: ${failed.error?.reason ?? failed.status}`);
  }
}
