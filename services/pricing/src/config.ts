import { CommonConfig, ConfigError, PortSchema, loadConfig } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import { Type, type Static } from 'typebox';

export const PricingConfigSchema = Type.Object({
  ...CommonConfig,
  PRICING_PORT: PortSchema(manifestEntry('pricing').defaultPort, 'Port of the pricing service'),
  PRICING_STORE: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')], {
    default: 'sqlite',
    description: 'Store of prices, promotions and quotes: embedded SQLite, or PostgreSQL',
  }),
  PRICING_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the pricing service (default: $DATA_DIR/pricing.sqlite)',
  }),
  PRICING_DATABASE_URL: Type.String({
    default: 'postgres://emporium:emporium@127.0.0.1:15432/emporium_pricing',
    description:
      'PostgreSQL database of the pricing service, its own (PRICING_STORE=postgres); created at start when missing',
  }),
  PRICING_CURRENCIES: Type.String({
    default: 'USD,EUR',
    pattern: '^[A-Z]{3}(,[A-Z]{3})*$',
    description: 'ISO 4217 currencies prices may be set in, comma-separated',
  }),
  PRICING_DEFAULT_CURRENCY: Type.String({
    default: 'USD',
    pattern: '^[A-Z]{3}$',
    description: 'Currency of a read that names none; one of PRICING_CURRENCIES',
  }),
  PRICING_READ_CACHE_ENTRIES: Type.Integer({
    minimum: 0,
    maximum: 10_000_000,
    default: 100_000,
    description: 'Encoded prices kept in memory per instance for reads (0 turns the cache off)',
  }),
  PRICING_READ_CACHE_TTL_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 1_000,
    description:
      "Longest a cached price is served: how soon another replica's write shows here (this instance's own writes and boundaries show at once)",
  }),
  PRICING_QUOTE_TTL_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 86_400,
    default: 900,
    description: 'How long a quote holds its prices (expiresAt); it stays readable after',
  }),
  PRICING_RATES_FILE: Type.String({
    default: '',
    description:
      'JSON file of shipping options and tax rates per country (default: the built-in table, ADR 0029)',
  }),
});

export type PricingConfig = Static<typeof PricingConfigSchema>;

/** The configured currencies, in order, without duplicates. */
export function currenciesOf(config: PricingConfig): readonly string[] {
  return [...new Set(config.PRICING_CURRENCIES.split(','))];
}

/** The default currency must be one that prices can be set in. */
export function checkPricingConfig(config: PricingConfig): void {
  if (!currenciesOf(config).includes(config.PRICING_DEFAULT_CURRENCY))
    throw new ConfigError([
      `PRICING_DEFAULT_CURRENCY: ${config.PRICING_DEFAULT_CURRENCY} is not in PRICING_CURRENCIES (${config.PRICING_CURRENCIES})`,
    ]);
}

export function loadPricingConfig(
  env: Record<string, string | undefined> = process.env,
): PricingConfig {
  const config = loadConfig(PricingConfigSchema, env);
  checkPricingConfig(config);
  return config;
}
