import { appendToOutbox } from '@emporium/kit';
import { PRICING_SOURCE, PromotionRedeemedV1, PromotionReleasedV1 } from '@emporium/contracts';
import { sql, type Transaction } from 'kysely';
import type {
  PromotionPage,
  PromotionStore,
  RedeemRequest,
  RedeemResult,
  Redemption,
} from '../../../app/ports/promotion-store.ts';
import type { Promotion } from '../../../domain/promotion.ts';
import { PromotionErrors } from '../../../domain/promotion-errors.ts';
import { activityRefusal, usageRefusal } from '../../../domain/promotion-rules.ts';
import { promotionOf, promotionRowOf, redemptionOf } from './promotion-rows.ts';
import {
  isUniqueViolation,
  type PromotionSchema,
  type PromotionStoreContext,
} from './promotion-schema.ts';
import type { OutboxSchema } from '@emporium/kit';

type Trx = Transaction<PromotionSchema & OutboxSchema>;

/**
 * Promotions and redemptions in SQLite or PostgreSQL. A redemption runs in one
 * transaction that first locks the promotion's row (PostgreSQL `FOR UPDATE`; SQLite has
 * one writer, and the kit's single connection runs one transaction at a time), so the
 * checks, the conditional `used = used + 1`, the redemption row and the outbox event see
 * and change one consistent state. ADR 0020 has the argument in full.
 */
export class SqlPromotionStore implements PromotionStore {
  private readonly context: PromotionStoreContext;

  constructor(context: PromotionStoreContext) {
    this.context = context;
  }

  async create(promotion: Promotion): Promise<void> {
    try {
      await this.context.db.insertInto('promotions').values(promotionRowOf(promotion)).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw PromotionErrors.DUPLICATE_PROMOTION.create(
          `A promotion with the code ${promotion.code} already exists`,
        );
      throw error;
    }
  }

  async get(code: string): Promise<Promotion | undefined> {
    const row = await this.context.db
      .selectFrom('promotions')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    return row && promotionOf(row);
  }

  async revise(code: string, revise: (current: Promotion) => Promotion): Promise<Promotion> {
    return this.context.db.transaction().execute(async (trx) => {
      const revised = revise(await this.lockPromotion(trx, code));
      const { code: _code, used: _used, created_at: _created, ...row } = promotionRowOf(revised);
      await trx.updateTable('promotions').set(row).where('code', '=', code).execute();
      return revised;
    });
  }

  async list({ limit, after }: { limit: number; after?: string }): Promise<PromotionPage> {
    let query = this.context.db
      .selectFrom('promotions')
      .selectAll()
      .orderBy('code')
      .limit(limit + 1);
    if (after !== undefined) query = query.where('code', '>', after);
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(promotionOf);
    return { items, next: rows.length > limit ? items.at(-1)!.code : null };
  }

  async customerUses(code: string, customerId: string): Promise<number> {
    const row = await this.context.db
      .selectFrom('promotion_redemptions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('code', '=', code)
      .where('customer_id', '=', customerId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async getRedemption(code: string, orderId: string): Promise<Redemption | undefined> {
    const row = await this.context.db
      .selectFrom('promotion_redemptions')
      .selectAll()
      .where('code', '=', code)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && redemptionOf(row);
  }

  async redeem(request: RedeemRequest): Promise<RedeemResult> {
    const result = await this.context.db
      .transaction()
      .execute((trx) => this.redeemIn(trx, request));
    if (result.created) this.context.onCommit();
    return result;
  }

  private async redeemIn(trx: Trx, request: RedeemRequest): Promise<RedeemResult> {
    const { code, orderId, customerId, now } = request;
    const promotion = await this.lockPromotion(trx, code);
    const existing = await this.redemptionIn(trx, code, orderId);
    if (existing?.status === 'active') return { redemption: existing, created: false };
    refuseRedemption(promotion, request, {
      used: promotion.used,
      customerUses:
        customerId === null ? undefined : await this.customerUsesIn(trx, code, customerId),
    });
    // Belt and braces: even a caller that skipped the lock cannot pass the limit here.
    const taken = await trx
      .updateTable('promotions')
      .set({ used: sql`used + 1`, version: sql`version + 1`, updated_at: now })
      .where('code', '=', code)
      .where((eb) => eb.or([eb('usage_limit', 'is', null), eb('used', '<', eb.ref('usage_limit'))]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1)
      throw PromotionErrors.PROMOTION_EXHAUSTED.create(`The promotion ${code} has no uses left`);
    const redemption: Redemption = {
      code,
      orderId,
      customerId,
      status: 'active',
      redeemedAt: now,
      releasedAt: null,
    };
    await trx
      .insertInto('promotion_redemptions')
      .values({
        code,
        order_id: orderId,
        customer_id: customerId,
        status: 'active',
        redeemed_at: now,
        released_at: null,
      })
      .onConflict((oc) =>
        oc.columns(['code', 'order_id']).doUpdateSet({
          customer_id: customerId,
          status: 'active',
          redeemed_at: now,
          released_at: null,
        }),
      )
      .execute();
    await appendToOutbox(trx, [redemptionEvent(PromotionRedeemedV1, redemption, now)], now);
    return { redemption, created: true };
  }

  async release(request: {
    code: string;
    orderId: string;
    now: number;
  }): Promise<Redemption | undefined> {
    const released = await this.context.db.transaction().execute(async (trx) => {
      const { code, orderId, now } = request;
      await this.lockPromotion(trx, code);
      const existing = await this.redemptionIn(trx, code, orderId);
      if (existing?.status !== 'active') return undefined;
      await trx
        .updateTable('promotion_redemptions')
        .set({ status: 'released', released_at: now })
        .where('code', '=', code)
        .where('order_id', '=', orderId)
        .execute();
      await trx
        .updateTable('promotions')
        .set({ used: sql`used - 1`, version: sql`version + 1`, updated_at: now })
        .where('code', '=', code)
        .execute();
      const redemption: Redemption = { ...existing, status: 'released', releasedAt: now };
      await appendToOutbox(trx, [redemptionEvent(PromotionReleasedV1, redemption, now)], now);
      return redemption;
    });
    if (released) this.context.onCommit();
    return released;
  }

  /** Reads the promotion and, on PostgreSQL, holds its row until the transaction ends. */
  private async lockPromotion(trx: Trx, code: string): Promise<Promotion> {
    let query = trx.selectFrom('promotions').selectAll().where('code', '=', code);
    if (this.context.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw PromotionErrors.PROMOTION_NOT_FOUND.create(`No promotion ${code}`);
    return promotionOf(row);
  }

  private async redemptionIn(trx: Trx, code: string, orderId: string) {
    const row = await trx
      .selectFrom('promotion_redemptions')
      .selectAll()
      .where('code', '=', code)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && redemptionOf(row);
  }

  private async customerUsesIn(trx: Trx, code: string, customerId: string): Promise<number> {
    const row = await trx
      .selectFrom('promotion_redemptions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('code', '=', code)
      .where('customer_id', '=', customerId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

/** Throws the coded reason the promotion cannot be redeemed now, if there is one. */
function refuseRedemption(
  promotion: Promotion,
  request: RedeemRequest,
  usage: { used: number; customerUses?: number },
): void {
  const inactive = activityRefusal(promotion, request.now);
  if (inactive)
    throw PromotionErrors.PROMOTION_NOT_ACTIVE.create(
      `The promotion ${promotion.code} ${inactive === 'ended' ? 'has ended' : 'has not started'}`,
      { details: { reason: inactive } },
    );
  if (promotion.perCustomerLimit !== null && request.customerId === null)
    throw PromotionErrors.CUSTOMER_REQUIRED.create(
      `The promotion ${promotion.code} is limited per customer: give the customerId`,
    );
  const refusal = usageRefusal(promotion, usage);
  if (refusal === 'exhausted')
    throw PromotionErrors.PROMOTION_EXHAUSTED.create(
      `The promotion ${promotion.code} has no uses left`,
    );
  if (refusal === 'per_customer_limit')
    throw PromotionErrors.PROMOTION_CUSTOMER_LIMIT.create(
      `The customer has used ${promotion.code} ${promotion.perCustomerLimit} time(s) already`,
    );
}

function redemptionEvent(
  contract: typeof PromotionRedeemedV1 | typeof PromotionReleasedV1,
  redemption: Redemption,
  now: number,
) {
  return contract.create({
    source: PRICING_SOURCE,
    subject: redemption.code,
    time: now,
    data: {
      code: redemption.code,
      orderId: redemption.orderId,
      ...(redemption.customerId === null ? {} : { customerId: redemption.customerId }),
      at: new Date(now).toISOString(),
    },
  });
}
