/**
 * Deterministic demo catalog for the one-command launcher: a small category tree and a few hundred
 * plausible products (invented brands, per-category names, attributes, copy and variants).
 *
 * Same seed and count → deep-equal output. Each product draws from its own sub-stream
 * (`deriveSeed(seed, index)`), so a larger productCount extends a smaller one: the first N
 * products are the same for any count ≥ N.
 */
import { createRng, deriveSeed } from './random.ts';
import type { Rng } from './random.ts';
import { DEPARTMENTS } from './vocabulary.ts';
import type {
  AttributeSpec,
  AttributeValue,
  DepartmentSpec,
  LeafSpec,
  ModifierSpec,
  NounSpec,
  OptionSpec,
} from './vocabulary.ts';

export interface DemoCategory {
  key: string;
  name: string;
  parentKey: string | null;
}

export interface DemoVariant {
  sku: string;
  options: Record<string, string>;
}

export interface DemoProduct {
  /** Stable, e.g. "p-0001". */
  key: string;
  /** e.g. "Aurora ANC Wireless Headphones". */
  name: string;
  /** 1–3 sentences. */
  description: string;
  brand: string;
  /** The leaf category first, then its parent. */
  categoryKeys: string[];
  attributes: Record<string, string | number | boolean>;
  /** 1–4 per product; SKUs are unique across the whole catalog, e.g. "AUR-HP-0001-BLK". */
  variants: DemoVariant[];
  /** Suggested list price in minor units (USD), and stock, for later services to seed. */
  priceCents: number;
  stock: number;
}

export interface DemoCatalog {
  categories: DemoCategory[];
  products: DemoProduct[];
}

export interface DemoCatalogOptions {
  seed?: number;
  productCount?: number;
}

export const DEMO_CATALOG_DEFAULTS = { seed: 42, productCount: 600 } as const;
export const MAX_DEMO_PRODUCTS = 100_000;

const MODIFIER_CHANCE = 0.75;
const CLOSER_CHANCE = 0.6;
/** Relative odds of a product having 1, 2, 3 or 4 variants. */
const VARIANT_COUNT_WEIGHTS = [3, 3, 2, 2];
const PRICE_ENDINGS = [99, 99, 99, 95, 49];
const FEATURE_TEMPLATES = [
  'Highlights include {list}.',
  'Details include {list}.',
  'Features {list}.',
];
/** Words kept capitalized when a noun is used mid-sentence. */
const PROPER_WORDS = new Set(['Dutch', 'French']);
/** Sub-stream tag for the per-block category shuffle (any constant distinct from product indices' use). */
const LEAF_ORDER_STREAM = 0x1eaf;

interface ResolvedOption {
  name: string;
  values: readonly string[];
  codes: readonly string[];
  ordered: boolean;
}

interface ResolvedNoun {
  label: string;
  phrase: string;
  code: string;
  price: readonly [number, number];
  modifiers: readonly ModifierSpec[];
  attributes: readonly AttributeSpec[];
  options: readonly ResolvedOption[];
  leads: readonly string[];
}

interface LeafContext {
  department: DepartmentSpec;
  leaf: LeafSpec;
  nouns: readonly ResolvedNoun[];
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined)
    throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

/** Compact SKU token for an option value: "Black" → "BLK", "US 10" → "US10", "Midnight Blue" → "MB". */
function optionCode(value: string): string {
  const upper = value.toUpperCase();
  const compact = upper.replace(/[^A-Z0-9]/g, '');
  if (compact.length <= 4) return compact;
  const words = upper.split(/[^A-Z0-9]+/).filter((w) => w.length > 0);
  if (words.length > 1) {
    return words
      .map((w) => (/^\d/.test(w) ? w : w.charAt(0)))
      .join('')
      .slice(0, 6);
  }
  const consonants = compact.slice(1).replace(/[AEIOU0-9]/g, '');
  const first = consonants.charAt(0);
  const last = consonants.length > 1 ? consonants.charAt(consonants.length - 1) : '';
  return compact.charAt(0) + first + last;
}

/** Codes for one option dimension, made unique within it. */
function optionCodes(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.map((value) => {
    const base = optionCode(value) || 'X';
    let code = base;
    for (let n = 2; seen.has(code); n++) code = `${base}${n}`;
    seen.add(code);
    return code;
  });
}

/** Three-letter brand codes, unique across the vocabulary: "Aurora" → "AUR". */
function brandCodes(brands: readonly string[]): Map<string, string> {
  const codes = new Map<string, string>();
  const used = new Set<string>();
  for (const brand of brands) {
    if (codes.has(brand)) continue;
    const letters = brand.toUpperCase().replace(/[^A-Z]/g, '');
    let code: string | undefined;
    // First letter plus any two later letters, in order: AUR, AUO, AUA, ARO, …
    outer: for (let i = 1; i < letters.length; i++) {
      for (let j = i + 1; j < letters.length; j++) {
        const candidate = letters.charAt(0) + letters.charAt(i) + letters.charAt(j);
        if (!used.has(candidate)) {
          code = candidate;
          break outer;
        }
      }
    }
    for (let n = 2; code === undefined; n++) {
      const candidate = `${letters.slice(0, 2)}${n}`;
      if (!used.has(candidate)) code = candidate;
    }
    used.add(code);
    codes.set(brand, code);
  }
  return codes;
}

function nounPhrase(label: string): string {
  return label
    .split(' ')
    .map((word) =>
      PROPER_WORDS.has(word) || /^[A-Z0-9-]{2,}$/.test(word) ? word : word.toLowerCase(),
    )
    .join(' ');
}

function resolveOptions(options: readonly OptionSpec[]): ResolvedOption[] {
  return options.map((o) => ({ ...o, codes: optionCodes(o.values) }));
}

function mergeAttributes(
  base: readonly AttributeSpec[],
  overrides: readonly AttributeSpec[] | undefined,
): AttributeSpec[] {
  const merged = [...base];
  for (const spec of overrides ?? []) {
    const index = merged.findIndex((s) => s.key === spec.key);
    if (index >= 0) merged[index] = spec;
    else merged.push(spec);
  }
  return merged;
}

function resolveNoun(leaf: LeafSpec, noun: NounSpec): ResolvedNoun {
  return {
    label: noun.label,
    phrase: nounPhrase(noun.label),
    code: noun.code,
    price: noun.price,
    modifiers: noun.modifiers ?? leaf.modifiers,
    attributes: mergeAttributes(leaf.attributes, noun.attributes),
    options: resolveOptions(noun.options ?? leaf.options),
    leads: noun.leads ?? leaf.leads,
  };
}

const LEAVES: readonly LeafContext[] = DEPARTMENTS.flatMap((department) =>
  department.leaves.map((leaf) => ({
    department,
    leaf,
    nouns: leaf.nouns.map((noun) => resolveNoun(leaf, noun)),
  })),
);

const BRAND_CODES = brandCodes(LEAVES.flatMap((l) => l.leaf.brands));

const CATEGORIES: readonly DemoCategory[] = DEPARTMENTS.flatMap((department) => [
  { key: department.key, name: department.name, parentKey: null },
  ...department.leaves.map((leaf) => ({
    key: leaf.key,
    name: leaf.name,
    parentKey: department.key,
  })),
]);

function formatNumber(value: number): string {
  if (!Number.isInteger(value)) return String(value);
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatValue(value: AttributeValue): string {
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

function fillTemplate(
  template: string,
  values: Readonly<Record<string, AttributeValue>>,
  context: string,
): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined)
      throw new Error(`${context}: template placeholder {${key}} has no value`);
    return formatValue(value);
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${at(items, items.length - 1)}`;
}

function rollAttribute(rng: Rng, spec: AttributeSpec): AttributeValue {
  switch (spec.kind) {
    case 'text':
      return rng.pick(spec.values);
    case 'number':
      return rng.pick(spec.values);
    case 'range': {
      const steps = Math.floor((spec.max - spec.min) / spec.step);
      return spec.min + rng.int(0, steps) * spec.step;
    }
    case 'flag':
      return rng.chance(spec.chance);
  }
}

function rollAttributes(
  rng: Rng,
  specs: readonly AttributeSpec[],
  modifier: ModifierSpec | null,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const spec of specs) attributes[spec.key] = rollAttribute(rng, spec);
  if (modifier) Object.assign(attributes, modifier.set);
  return attributes;
}

function describe(
  rng: Rng,
  context: LeafContext,
  noun: ResolvedNoun,
  brand: string,
  attributes: Readonly<Record<string, AttributeValue>>,
  productKey: string,
): string {
  const values = { ...attributes, brand, noun: noun.phrase };
  const sentences = [capitalize(fillTemplate(rng.pick(noun.leads), values, productKey))];

  const features = noun.attributes.flatMap((spec) =>
    spec.kind === 'flag' && spec.feature !== null && attributes[spec.key] === true
      ? [spec.feature]
      : [],
  );
  if (features.length > 0) {
    const chosen = rng.sample(features, Math.min(2, features.length));
    sentences.push(rng.pick(FEATURE_TEMPLATES).replace('{list}', joinList(chosen)));
  }
  if (rng.chance(CLOSER_CHANCE)) sentences.push(rng.pick(context.department.closers));
  return sentences.join(' ');
}

/** All ways to split `total` variants into per-dimension counts (product of counts = total). */
function countSplits(sizes: readonly number[], total: number): number[][] {
  if (sizes.length === 0) return total === 1 ? [[]] : [];
  const [first, ...rest] = sizes;
  const splits: number[][] = [];
  for (let count = 1; count <= (first ?? 0); count++) {
    if (total % count !== 0) continue;
    for (const tail of countSplits(rest, total / count)) splits.push([count, ...tail]);
  }
  return splits;
}

function chooseIndices(rng: Rng, option: ResolvedOption, count: number): number[] {
  const all = option.values.map((_, i) => i);
  if (!option.ordered) return rng.sample(all, count);
  const start = rng.int(0, option.values.length - count);
  return all.slice(start, start + count);
}

function buildVariants(
  rng: Rng,
  options: readonly ResolvedOption[],
  skuBase: string,
): DemoVariant[] {
  const sizes = options.map((o) => o.values.length);
  let target = rng.weighted([1, 2, 3, 4], VARIANT_COUNT_WEIGHTS);
  let splits = countSplits(sizes, target);
  while (splits.length === 0) splits = countSplits(sizes, --target);
  const split = rng.pick(splits);

  // Cartesian product of the chosen values, first dimension outermost.
  let combos: { options: Record<string, string>; codes: string[] }[] = [{ options: {}, codes: [] }];
  options.forEach((option, dim) => {
    const indices = chooseIndices(rng, option, at(split, dim));
    combos = combos.flatMap((combo) =>
      indices.map((i) => ({
        options: { ...combo.options, [option.name]: at(option.values, i) },
        codes: [...combo.codes, at(option.codes, i)],
      })),
    );
  });
  return combos.map((combo) => ({
    sku: [skuBase, ...combo.codes].join('-'),
    options: combo.options,
  }));
}

function rollPrice(rng: Rng, [min, max]: readonly [number, number]): number {
  const raw = rng.int(min, max);
  const granularity = raw >= 100 ? 10 : 5;
  const dollars = Math.max(1, Math.round(raw / granularity) * granularity - 1);
  return dollars * 100 + rng.pick(PRICE_ENDINGS);
}

function rollStock(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.06) return 0;
  if (roll < 0.2) return rng.int(1, 9);
  return rng.int(10, 250);
}

function uniqueName(
  rng: Rng,
  department: DepartmentSpec,
  parts: { brand: string; modifier: string | null; noun: string },
  taken: ReadonlySet<string>,
): string {
  const middle = [parts.modifier, parts.noun].filter((p) => p !== null).join(' ');
  const base = `${parts.brand} ${middle}`;
  if (!taken.has(base.toLowerCase())) return base;

  const words = new Set(base.toLowerCase().split(/\s+/));
  const tokens = rng.shuffle(department.series).filter((t) => !words.has(t.toLowerCase()));
  const withToken = (token: string): string =>
    department.seriesPlacement === 'suffix'
      ? `${base} ${token}`
      : `${parts.brand} ${token} ${middle}`;
  for (const token of tokens) {
    const candidate = withToken(token);
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
  for (let generation = 2; ; generation++) {
    const candidate = `${base} ${generation}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function validateOptions(options: DemoCatalogOptions): { seed: number; productCount: number } {
  const seed = options.seed ?? DEMO_CATALOG_DEFAULTS.seed;
  const productCount = options.productCount ?? DEMO_CATALOG_DEFAULTS.productCount;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(productCount) || productCount < 0 || productCount > MAX_DEMO_PRODUCTS) {
    throw new RangeError(
      `productCount must be an integer between 0 and ${MAX_DEMO_PRODUCTS}, got ${productCount}`,
    );
  }
  return { seed, productCount };
}

/**
 * Generates the demo catalog. Defaults: seed 42, 600 products.
 * Products are spread evenly over the leaf categories (every block of one-per-leaf is shuffled).
 */
export function generateDemoCatalog(options: DemoCatalogOptions = {}): DemoCatalog {
  const { seed, productCount } = validateOptions(options);
  const takenNames = new Set<string>();
  const products: DemoProduct[] = [];
  let leafOrder: readonly LeafContext[] = [];

  for (let index = 0; index < productCount; index++) {
    const slot = index % LEAVES.length;
    if (slot === 0) {
      const block = index / LEAVES.length;
      leafOrder = createRng(deriveSeed(seed, LEAF_ORDER_STREAM, block)).shuffle(LEAVES);
    }
    const context = at(leafOrder, slot);
    const rng = createRng(deriveSeed(seed, index));
    const number = String(index + 1).padStart(4, '0');
    const key = `p-${number}`;

    const brand = rng.pick(context.leaf.brands);
    const noun = rng.pick(context.nouns);
    const modifier =
      noun.modifiers.length > 0 && rng.chance(MODIFIER_CHANCE) ? rng.pick(noun.modifiers) : null;
    const name = uniqueName(
      rng,
      context.department,
      { brand, modifier: modifier?.label ?? null, noun: noun.label },
      takenNames,
    );
    takenNames.add(name.toLowerCase());

    const attributes = rollAttributes(rng, noun.attributes, modifier);
    const description = describe(rng, context, noun, brand, attributes, key);
    const skuBase = `${BRAND_CODES.get(brand) ?? 'GEN'}-${noun.code}-${number}`;

    products.push({
      key,
      name,
      description,
      brand,
      categoryKeys: [context.leaf.key, context.department.key],
      attributes,
      variants: buildVariants(rng, noun.options, skuBase),
      priceCents: rollPrice(rng, noun.price),
      stock: rollStock(rng),
    });
  }

  return { categories: CATEGORIES.map((c) => ({ ...c })), products };
}
