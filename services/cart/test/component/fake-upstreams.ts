import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ProductPageSchema,
  QuoteSchema,
  StockBatchSchema,
  type Product,
} from '@emporium/contracts';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

type Handler = (
  request: IncomingMessage,
  url: URL,
  body: unknown,
) => { status: number; body: unknown };

/**
 * A stand-in for one upstream service on a loopback port: answers in the published
 * contract's shapes (checked against the contract schemas, so the fake cannot drift),
 * counts its calls, and can be stopped (a closed port), restarted on the same port, or
 * made slow (answers after `delayMs`, longer than the cart's timeout).
 */
export class FakeUpstream {
  calls = 0;
  delayMs = 0;
  private server: Server | undefined;
  private port = 0;
  private readonly handler: Handler;
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(handler: Handler) {
    this.handler = handler;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => void this.serve(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the port and every open connection: calls fail at once (connection refused). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.calls += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = this.handler(request, url, text ? JSON.parse(text) : undefined);
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(answer.status, {
        'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json',
      });
      response.end(JSON.stringify(answer.body));
    };
    if (this.delayMs === 0) return send();
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      send();
    }, this.delayMs);
    this.pending.add(timer);
  }
}

function checked(schema: TSchema, body: unknown): { status: number; body: unknown } {
  const errors = [...Compile(schema).Errors(body)];
  if (errors.length > 0)
    throw new Error(`fake answer breaks its contract: ${JSON.stringify(errors)}`);
  return { status: 200, body };
}

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: { type: `urn:emporium:problem:${code}`, title: code, status, detail: code, code, ...extra },
});

let productSeq = 0;

/** The catalog, pricing and inventory the cart talks to, with state the tests set. */
export class FakeShop {
  readonly products = new Map<string, Product>();
  readonly prices = new Map<string, number>();
  readonly stock = new Map<string, number>();
  /** Promotion code → percent off. */
  readonly promotions = new Map<string, number>();

  readonly catalog = new FakeUpstream((_request, url) => {
    const skus = (url.searchParams.get('skus') ?? '').split(',');
    const items = [...this.products.values()].filter(
      (product) =>
        product.status === 'active' && product.variants.some((v) => skus.includes(v.sku)),
    );
    return checked(ProductPageSchema, { items, nextCursor: null });
  });

  readonly inventory = new FakeUpstream((_request, url) => {
    const skus = (url.searchParams.get('skus') ?? '').split(',');
    const at = new Date(0).toISOString();
    const items = skus
      .filter((sku) => this.stock.has(sku))
      .map((sku) => ({
        sku,
        onHand: this.stock.get(sku)!,
        reserved: 0,
        available: this.stock.get(sku)!,
        version: 1,
        backorderLimit: 0,
        backordered: 0,
        lowStockThreshold: null,
        updatedAt: at,
        locations: [{ location: 'wh-east', onHand: this.stock.get(sku)!, reserved: 0 }],
      }));
    return checked(StockBatchSchema, {
      items,
      unknown: skus.filter((sku) => !this.stock.has(sku)),
    });
  });

  readonly pricing = new FakeUpstream((_request, _url, body) => {
    const request = body as {
      items: { sku: string; quantity: number }[];
      currency?: string;
      promotionCode?: string;
    };
    const currency = request.currency ?? 'USD';
    const unpriced = request.items.filter((item) => !this.prices.has(item.sku));
    if (unpriced.length > 0)
      return problem(422, 'PRICING.UNPRICED_SKU', { skus: unpriced.map((i) => i.sku), currency });
    const percent = request.promotionCode ? this.promotions.get(request.promotionCode) : undefined;
    if (request.promotionCode && percent === undefined)
      return problem(422, 'PRICING.PROMOTION_NOT_APPLICABLE', {
        promotionCode: request.promotionCode,
        reason: 'unknown_code',
      });
    const money = (amount: number) => ({ amount, currency });
    const lines = request.items.map((item) => {
      const unit = this.prices.get(item.sku)!;
      const total = unit * item.quantity;
      return {
        sku: item.sku,
        quantity: item.quantity,
        unitPrice: money(unit),
        lineTotal: money(total),
        discount: money(Math.floor((total * (percent ?? 0)) / 100)),
      };
    });
    const subtotal = lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
    const discount = lines.reduce((sum, line) => sum + line.discount.amount, 0);
    const now = new Date();
    const answer = checked(QuoteSchema, {
      id: `quo_${(productSeq += 1)}`,
      currency,
      lines,
      subtotal: money(subtotal),
      discount: money(discount),
      shipping: money(0),
      tax: money(0),
      total: money(subtotal - discount),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 900_000).toISOString(),
    });
    return { status: 201, body: answer.body };
  });

  /** A product with one variant per SKU, priced and stocked. */
  addProduct(
    name: string,
    variants: { sku: string; price?: number; stock?: number; options?: Record<string, string> }[],
  ): Product {
    productSeq += 1;
    const at = new Date(0).toISOString();
    const product: Product = {
      id: `prd_${String(productSeq).padStart(26, '0')}`,
      slug: `product-${productSeq}`,
      name,
      description: '',
      brand: 'Fake',
      status: 'active',
      categoryIds: [],
      attributes: {},
      variants: variants.map((v) => ({ sku: v.sku, options: v.options ?? {} })),
      images: [{ key: `k${productSeq}`, url: `/media/${productSeq}.jpg` }],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    this.products.set(product.id, product);
    for (const variant of variants) {
      if (variant.price !== undefined) this.prices.set(variant.sku, variant.price);
      if (variant.stock !== undefined) this.stock.set(variant.sku, variant.stock);
    }
    return product;
  }

  async start(): Promise<void> {
    await Promise.all([this.catalog.start(), this.pricing.start(), this.inventory.start()]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.catalog.stop(), this.pricing.stop(), this.inventory.stop()]);
  }

  calls(): { catalog: number; pricing: number; inventory: number } {
    return {
      catalog: this.catalog.calls,
      pricing: this.pricing.calls,
      inventory: this.inventory.calls,
    };
  }
}
