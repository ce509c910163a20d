import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CloudEvent } from '@emporium/kit';
import type { CategoryStore } from '../../../app/ports/category-store.ts';
import type { Category } from '../../../domain/category.ts';
import { CatalogErrors } from '../../../domain/errors.ts';
import { appendEvents } from '@emporium/kit/dynamodb';
import type { DynamoStoreOptions } from './dynamo-product-store.ts';
import { keys } from './keys.ts';
import { queryItems } from './query.ts';
import { TxOps, atVersion, commit, isNew, ownedBy } from './transaction.ts';

/**
 * Categories as items of one `CATEGORIES` partition (sort key `CATEGORY#<id>`): the
 * tree is hundreds of items, so `all()` is one strongly consistent query in id order.
 * Slugs are unique through claim items, like product slugs.
 */
export class DynamoCategoryStore implements CategoryStore {
  private readonly options: DynamoStoreOptions;

  constructor(options: DynamoStoreOptions) {
    this.options = options;
  }

  async create(category: Category, events: CloudEvent[]): Promise<void> {
    const ops = new TxOps(this.options.tableName)
      .put(itemOf(category), 'integrity', isNew)
      .put({ ...keys.categorySlug(category.slug), ownerId: category.id }, 'slug', isNew);
    appendEvents(ops, events, this.options.now());
    await this.commit(ops);
  }

  async update(category: Category, expectedVersion: number, events: CloudEvent[]): Promise<void> {
    const current = await this.get(category.id);
    if (!current || current.version !== expectedVersion) {
      throw CatalogErrors.VERSION_MISMATCH.create(
        `Category ${category.id} is not at version ${expectedVersion}`,
      );
    }
    const ops = new TxOps(this.options.tableName).put(
      itemOf(category),
      'version',
      atVersion(expectedVersion),
    );
    if (category.slug !== current.slug) {
      ops.put({ ...keys.categorySlug(category.slug), ownerId: category.id }, 'slug', isNew);
      ops.delete(keys.categorySlug(current.slug), 'integrity', ownedBy(category.id));
    }
    appendEvents(ops, events, this.options.now());
    await this.commit(ops);
  }

  async get(id: string): Promise<Category | undefined> {
    const result = await this.options.client.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: keys.category(id),
        ConsistentRead: true,
      }),
    );
    return result.Item ? (JSON.parse(String(result.Item['doc'])) as Category) : undefined;
  }

  async all(): Promise<Category[]> {
    const categories: Category[] = [];
    const items = queryItems(this.options.client, {
      TableName: this.options.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.categories },
      ConsistentRead: true,
    });
    for await (const item of items) categories.push(JSON.parse(String(item['doc'])) as Category);
    return categories;
  }

  async close(): Promise<void> {
    // The client is shared with the product store and outbox; the factory closes it.
  }

  private async commit(ops: TxOps): Promise<void> {
    await commit(this.options.client, ops.ops);
    this.options.onCommit();
  }
}

function itemOf(category: Category) {
  return {
    ...keys.category(category.id),
    id: category.id,
    slug: category.slug,
    parentId: category.parentId,
    version: category.version,
    doc: JSON.stringify(category),
  };
}
