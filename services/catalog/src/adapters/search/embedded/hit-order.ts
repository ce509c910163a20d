import type { SearchDocument, SearchSort } from '../../../app/ports/search-index.ts';

export interface ScoredDocument {
  document: SearchDocument;
  score: number;
}

type HitComparator = (a: ScoredDocument, b: ScoredDocument) => number;

/** Total orders: every sort ends with the product id, so pages never overlap or skip. */
const COMPARATORS: Record<SearchSort, HitComparator> = {
  relevance: (a, b) => b.score - a.score || byProductId(a, b),
  price_asc: (a, b) => byPrice(a, b, 1) || byProductId(a, b),
  price_desc: (a, b) => byPrice(a, b, -1) || byProductId(a, b),
  newest: (a, b) => b.document.createdAt - a.document.createdAt || byProductId(b, a),
};

export function compareHits(sort: SearchSort): HitComparator {
  return COMPARATORS[sort] ?? COMPARATORS.relevance;
}

function byProductId(a: ScoredDocument, b: ScoredDocument): number {
  const left = a.document.productId;
  const right = b.document.productId;
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Unknown prices sort last in both directions. */
function byPrice(a: ScoredDocument, b: ScoredDocument, direction: 1 | -1): number {
  const left = a.document.price;
  const right = b.document.price;
  if (left === null || right === null) {
    if (left === right) return 0;
    return left === null ? 1 : -1;
  }
  return (left.amount - right.amount) * direction;
}
