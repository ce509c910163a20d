import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  ProductJsonPage,
  ProductListQuery,
  StoredProductJson,
} from '../../../app/ports/product-store.ts';
import type { ProductStatus } from '../../../domain/product.ts';
import {
  BRAND_INDEX,
  PRODUCT_STATUSES,
  STATUS_INDEX,
  brandPartition,
  keys,
  statusPartition,
} from './keys.ts';
import { batchGet, mergeSorted, queryItems, take, type Item } from './query.ts';

/**
 * Pages of products, newest first, with the SQLite adapter's semantics. One sorted
 * query per status, brand or category partition; several are merged by id.
 */
export class ProductList {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async list(query: ProductListQuery): Promise<ProductJsonPage> {
    // Like SQLite's `IN ()`: an empty status or category set matches nothing.
    if (query.statuses.length === 0 || query.categoryIds?.length === 0) {
      return { items: [], nextAfter: null };
    }
    const rows = await take(this.candidates(query), query.limit + 1);
    const page = rows.slice(0, query.limit);
    const items = query.categoryIds ? await this.productsOf(page) : page.map(storedOf);
    return { items, nextAfter: rows.length > query.limit ? idOf(page.at(-1)!) : null };
  }

  /** Product ids in any of the categories, each once. */
  async idsIn(categoryIds: string[]): Promise<string[]> {
    const ids = new Set<string>();
    for (const categoryId of new Set(categoryIds)) {
      const members = queryItems(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.membershipPartition(categoryId) },
        ProjectionExpression: 'productId',
      });
      for await (const member of members) ids.add(String(member['productId']));
    }
    return [...ids];
  }

  /** Every product in id order: the status partitions of GSI1 merged ascending. */
  all(): AsyncGenerator<Item> {
    const sources = PRODUCT_STATUSES.map((status) =>
      queryItems(this.client, statusQuery(this.tableName, status, undefined, true)),
    );
    return mergeSorted(sources, idOf, false);
  }

  private candidates(query: ProductListQuery): AsyncGenerator<Item> {
    const page = query.limit + 1;
    if (query.categoryIds) {
      const sources = [...new Set(query.categoryIds)].map((categoryId) =>
        queryItems(this.client, { ...this.categoryQuery(categoryId, query), Limit: page }),
      );
      return mergeSorted(sources, idOf, true);
    }
    if (query.brand) {
      return queryItems(this.client, { ...this.brandQuery(query), Limit: page });
    }
    const sources = [...new Set(query.statuses)].map((status) =>
      queryItems(this.client, {
        ...statusQuery(this.tableName, status, query.after, false),
        Limit: page,
      }),
    );
    return mergeSorted(sources, idOf, true);
  }

  private brandQuery(query: ProductListQuery): QueryCommandInput {
    const filter = statusFilter(query.statuses);
    return {
      TableName: this.tableName,
      IndexName: BRAND_INDEX,
      KeyConditionExpression: query.after ? 'GSI2PK = :pk AND GSI2SK < :after' : 'GSI2PK = :pk',
      ScanIndexForward: false,
      ...withFilter(filter, {
        ':pk': brandPartition(query.brand!.toLowerCase()),
        ...(query.after ? { ':after': query.after } : {}),
      }),
    };
  }

  private categoryQuery(categoryId: string, query: ProductListQuery): QueryCommandInput {
    const filter = statusFilter(query.statuses);
    if (query.brand) {
      filter.expressions.push('brandKey = :brand');
      filter.values[':brand'] = query.brand.toLowerCase();
    }
    // A membership partition holds only `PRODUCT#<id>` sort keys, so `<` alone bounds it.
    return {
      TableName: this.tableName,
      KeyConditionExpression: query.after ? 'PK = :pk AND SK < :after' : 'PK = :pk',
      ScanIndexForward: false,
      ConsistentRead: true,
      ...withFilter(filter, {
        ':pk': keys.membershipPartition(categoryId),
        ...(query.after ? { ':after': keys.membership(categoryId, query.after).SK } : {}),
      }),
    };
  }

  /** Membership items carry no document: read the products of the page in one batch. */
  private async productsOf(members: Item[]): Promise<StoredProductJson[]> {
    const ids = members.map(idOf);
    const items = await batchGet(this.client, this.tableName, ids.map(keys.product));
    return items.map(storedOf);
  }
}

function statusQuery(
  tableName: string,
  status: ProductStatus,
  after: string | undefined,
  ascending: boolean,
): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: STATUS_INDEX,
    KeyConditionExpression: after ? 'GSI1PK = :pk AND GSI1SK < :after' : 'GSI1PK = :pk',
    ExpressionAttributeValues: {
      ':pk': statusPartition(status),
      ...(after ? { ':after': after } : {}),
    },
    ScanIndexForward: ascending,
  };
}

/** The product id of a product item or of a membership item. */
function idOf(item: Item): string {
  return String(item['productId'] ?? item['id']);
}

type Filter = { expressions: string[]; values: Record<string, unknown> };

/** `status IN (...)`, left out when every status is wanted. */
function statusFilter(statuses: ProductStatus[]): Filter {
  const wanted = [...new Set(statuses)];
  if (PRODUCT_STATUSES.every((status) => wanted.includes(status))) {
    return { expressions: [], values: {} };
  }
  const values = Object.fromEntries(wanted.map((status, i) => [`:s${i}`, status]));
  return { expressions: [`#status IN (${Object.keys(values).join(', ')})`], values };
}

function withFilter(filter: Filter, values: Record<string, unknown>) {
  if (filter.expressions.length === 0) return { ExpressionAttributeValues: values };
  return {
    FilterExpression: filter.expressions.join(' AND '),
    ...(filter.expressions.some((e) => e.includes('#status'))
      ? { ExpressionAttributeNames: { '#status': 'status' } }
      : {}),
    ExpressionAttributeValues: { ...values, ...filter.values },
  };
}

export function storedOf(item: Item): StoredProductJson {
  return {
    id: String(item['id']),
    status: item['status'] as ProductStatus,
    version: Number(item['version']),
    json: String(item['doc']),
  };
}
