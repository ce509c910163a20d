import type { Client } from '@opensearch-project/opensearch';
import type { SearchDocument } from '../../../app/ports/search-index.ts';
import { bulkWrite, indexOperations, type StoredDocument } from './documents.ts';
import { INDEX_BODY, MAPPING_VERSION } from './mapping.ts';

/** `<alias>_v<N>` when first created, `<alias>_v<N>-<epoch ms>` when rebuilt. */
const VERSION_SUFFIX = /_v(\d+)(?:-\d+)?$/;
const BATCH = 500;

type Documents = Iterable<SearchDocument> | AsyncIterable<SearchDocument>;

/** Mapping version of a physical index; 0 for an unversioned one. */
export function versionOf(index: string): number {
  return Number(VERSION_SUFFIX.exec(index)?.[1] ?? 0);
}

/**
 * Makes `alias` point at an index with the current mapping. A missing alias gets a fresh
 * `<alias>_v<N>`. An alias on an older version (or a bare index named like the alias) is
 * rebuilt from its own documents, whose derived fields are recomputed by this code; an
 * alias on a newer version is left alone, a newer deployment owns it.
 */
export async function ensureIndex(client: Client, alias: string): Promise<void> {
  const current = await physicalIndices(client, alias);
  if (current.some((index) => versionOf(index) >= MAPPING_VERSION)) return;
  if (current.length > 0) {
    await reindex(client, alias, storedDocuments(client, current));
    return;
  }
  const target = `${alias}_v${MAPPING_VERSION}`;
  await createIndex(client, target);
  await client.indices.updateAliases({ body: { actions: [{ add: { index: target, alias } }] } });
}

/**
 * Rebuilds the index from `documents` (the product store, or the old index) into a new
 * versioned index, then moves the alias in one atomic step and deletes the old index, so
 * searches never see a partial index. Writes reaching the old index meanwhile are lost:
 * the projection's replay, or the service's rebuild at start, brings them back.
 */
export async function reindex(
  client: Client,
  alias: string,
  documents: Documents,
): Promise<string> {
  const target = `${alias}_v${MAPPING_VERSION}-${Date.now()}`;
  await createIndex(client, target);
  let batch: SearchDocument[] = [];
  for await (const document of documents) {
    batch.push(document);
    if (batch.length < BATCH) continue;
    await bulkWrite(client, indexOperations(target, batch), false);
    batch = [];
  }
  await bulkWrite(client, indexOperations(target, batch), false);
  await client.indices.refresh({ index: target });
  const previous = await physicalIndices(client, alias);
  const aliased = previous.filter((index) => index !== alias);
  await client.indices.updateAliases({
    body: {
      actions: [
        // A bare index named like the alias must go in the same step, or the alias cannot exist.
        ...previous
          .filter((index) => index === alias)
          .map((index) => ({ remove_index: { index } })),
        ...aliased.map((index) => ({ remove: { index, alias } })),
        { add: { index: target, alias } },
      ],
    },
  });
  if (aliased.length > 0) await client.indices.delete({ index: aliased.join(',') });
  return target;
}

/** Deletes the alias and every index behind it (tests, teardown). */
export async function dropIndex(client: Client, alias: string): Promise<void> {
  const indices = await physicalIndices(client, alias);
  if (indices.length > 0) await client.indices.delete({ index: indices.join(',') });
}

/** Indices behind the alias, or the bare index of that name, or none. */
async function physicalIndices(client: Client, alias: string): Promise<string[]> {
  const response = await client.indices.getAlias({ name: alias }, { ignore: [404] });
  if (response.statusCode !== 404) return Object.keys(response.body as object);
  return (await client.indices.exists({ index: alias })).body === true ? [alias] : [];
}

/** Creating an index that a concurrent starter has just created is fine. */
async function createIndex(client: Client, index: string): Promise<void> {
  const response = await client.indices.create({ index, body: INDEX_BODY }, { ignore: [400] });
  const error = (response.body as { error?: { type?: string; reason?: string } }).error;
  if (error !== undefined && error.type !== 'resource_already_exists_exception') {
    throw new Error(`Cannot create OpenSearch index ${index}: ${error.reason ?? error.type}`);
  }
}

/** Pages through an index's stored documents, keeping only SearchDocument fields. */
async function* storedDocuments(client: Client, indices: string[]): AsyncGenerator<SearchDocument> {
  let response = await client.search({
    index: indices.join(','),
    scroll: '1m',
    body: { size: BATCH, sort: ['_doc'], query: { match_all: {} } },
  });
  try {
    while (response.body.hits.hits.length > 0) {
      for (const hit of response.body.hits.hits as { _source: StoredDocument }[]) {
        yield toSearchDocument(hit._source);
      }
      const scrollId = response.body._scroll_id ?? '';
      response = await client.scroll({ body: { scroll_id: scrollId, scroll: '1m' } });
    }
  } finally {
    const scrollId = response.body._scroll_id;
    if (scrollId !== undefined) await client.clearScroll({ body: { scroll_id: scrollId } });
  }
}

function toSearchDocument(stored: StoredDocument): SearchDocument {
  const { productId, name, brand, description, categoryIds, categoryNames } = stored;
  const { image, price, inStock, createdAt } = stored;
  return {
    productId,
    name,
    brand,
    description,
    categoryIds,
    categoryNames,
    image: image ?? null,
    price: price ?? null,
    compareAtPrice: stored.compareAtPrice ?? null,
    inStock,
    createdAt,
  };
}
