import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;

/** Every item of a query, fetching the next page only when the consumer wants more. */
export async function* queryItems(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): AsyncGenerator<Item> {
  let start: Item | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * Merges sources that are each sorted by `keyOf` (descending or ascending) into one
 * sorted stream, dropping repeated keys (a product in two listed categories).
 */
export async function* mergeSorted(
  sources: AsyncIterator<Item>[],
  keyOf: (item: Item) => string,
  descending: boolean,
): AsyncGenerator<Item> {
  const heads = await Promise.all(sources.map((source) => source.next()));
  const before = (a: string, b: string) => (descending ? a > b : a < b);
  let last: string | undefined;
  try {
    for (;;) {
      let pick = -1;
      heads.forEach((head, index) => {
        if (head.done) return;
        const best = heads[pick];
        if (pick < 0 || (best && !best.done && before(keyOf(head.value), keyOf(best.value)))) {
          pick = index;
        }
      });
      if (pick < 0) return;
      const item = heads[pick]!.value as Item;
      heads[pick] = await sources[pick]!.next();
      if (keyOf(item) !== last) yield item;
      last = keyOf(item);
    }
  } finally {
    await Promise.all(sources.map(async (source) => source.return?.()));
  }
}

export async function take<T>(source: AsyncIterable<T>, count: number): Promise<T[]> {
  const taken: T[] = [];
  if (count <= 0) return taken;
  for await (const item of source) {
    taken.push(item);
    if (taken.length >= count) break;
  }
  return taken;
}

/** Strongly consistent reads of many items by key, in the order of `keys`; missing ones are skipped. */
export async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: { PK: string; SK: string }[],
): Promise<Item[]> {
  const found = new Map<string, Item>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Item[] | undefined = keys.slice(i, i + 100);
    // BatchGet may return part of the keys as unprocessed under load: ask again for those.
    while (request && request.length > 0) {
      const result: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: request, ConsistentRead: true } },
        }),
      );
      for (const item of result.Responses?.[tableName] ?? []) {
        found.set(`${String(item['PK'])}|${String(item['SK'])}`, item);
      }
      request = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return keys.flatMap((key): Item[] => {
    const item = found.get(`${key.PK}|${key.SK}`);
    return item ? [item] : [];
  });
}
