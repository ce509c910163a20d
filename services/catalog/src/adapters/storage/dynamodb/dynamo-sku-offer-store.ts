import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '@emporium/kit/dynamodb';
import type {
  OfferUpdate,
  PriceUpdate,
  SkuOfferStore,
  StockUpdate,
} from '../../../app/ports/sku-offer-store.ts';
import type { SkuOffer } from '../../../domain/offer.ts';
import { keys } from './keys.ts';
import { batchGet, type Item } from './query.ts';

interface Change {
  set: string[];
  remove: string[];
  condition: string;
  values: Item;
}

export interface DynamoSkuOfferStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * Prices and stock per SKU as `OFFER#<sku>` items of the catalog table. Each write is a
 * conditional `UpdateItem` on its own ordering key (`priceAt`, `stockVersion`), so price
 * and stock of one SKU never overwrite each other and a late older figure fails its
 * condition instead of winning.
 */
export class DynamoSkuOfferStore implements SkuOfferStore {
  private readonly options: DynamoSkuOfferStoreOptions;

  constructor(options: DynamoSkuOfferStoreOptions) {
    this.options = options;
  }

  async applyPrice({ sku, price, at }: PriceUpdate): Promise<boolean> {
    const values: Item = { ':at': at };
    const set = ['priceAt = :at'];
    const remove: string[] = [];
    if (price) {
      set.push('priceAmount = :amount', 'priceCurrency = :currency');
      values[':amount'] = price.amount;
      values[':currency'] = price.currency;
    } else remove.push('priceAmount', 'priceCurrency');
    if (price?.compareAtAmount !== undefined) {
      set.push('compareAtAmount = :compareAt');
      values[':compareAt'] = price.compareAtAmount;
    } else remove.push('compareAtAmount');
    // Equal `at` is applied: one SKU's events keep their order on the bus, so a tie is the later one.
    const condition = 'attribute_not_exists(priceAt) OR priceAt <= :at';
    return this.update(sku, { set, remove, condition, values });
  }

  async applyStock({ sku, available, version }: StockUpdate): Promise<boolean> {
    return this.update(sku, {
      set: ['availableUnits = :available', 'stockVersion = :version'],
      remove: [],
      condition: 'attribute_not_exists(stockVersion) OR stockVersion < :version',
      values: { ':available': available, ':version': version },
    });
  }

  /** One conditional update each, in order (DynamoDB has no cheaper batch of conditional writes). */
  async applyAll(updates: readonly OfferUpdate[]): Promise<Set<string>> {
    const changed = new Set<string>();
    for (const update of updates) {
      const written =
        update.kind === 'price' ? await this.applyPrice(update) : await this.applyStock(update);
      if (written) changed.add(update.sku);
    }
    return changed;
  }

  async getMany(skus: readonly string[]): Promise<Map<string, SkuOffer>> {
    const unique = [...new Set(skus)];
    const items = await batchGet(
      this.options.client,
      this.options.tableName,
      unique.map(keys.offer),
    );
    return new Map(items.map((item) => [String(item['offerSku']), toOffer(item)]));
  }

  async close(): Promise<void> {
    // The client is shared with the other stores; the factory closes it.
  }

  private async update(sku: string, change: Change): Promise<boolean> {
    const set = ['offerSku = :sku', ...change.set].join(', ');
    const remove = change.remove.length > 0 ? ` REMOVE ${change.remove.join(', ')}` : '';
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.offer(sku),
          UpdateExpression: `SET ${set}${remove}`,
          ConditionExpression: change.condition,
          ExpressionAttributeValues: { ...change.values, ':sku': sku },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

function toOffer(item: Item): SkuOffer {
  const amount = item['priceAmount'];
  const currency = item['priceCurrency'];
  const compareAt = item['compareAtAmount'];
  const available = item['availableUnits'];
  return {
    sku: String(item['offerSku']),
    price:
      typeof amount === 'number' && typeof currency === 'string'
        ? {
            amount,
            currency,
            ...(typeof compareAt === 'number' ? { compareAtAmount: compareAt } : {}),
          }
        : null,
    available: typeof available === 'number' ? available : null,
  };
}
