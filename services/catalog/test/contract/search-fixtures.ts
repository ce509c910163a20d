import type { SearchDocument } from '../../src/app/ports/search-index.ts';

export const CATEGORIES = {
  audio: { id: 'cat-audio', name: 'Audio' },
  computers: { id: 'cat-computers', name: 'Computers' },
  home: { id: 'cat-home', name: 'Home & Kitchen' },
  outdoor: { id: 'cat-outdoor', name: 'Outdoor' },
  wearables: { id: 'cat-wearables', name: 'Wearables' },
} as const;

type CategoryKey = keyof typeof CATEGORIES;

interface ProductSpec {
  id: string;
  name: string;
  brand: string;
  description: string;
  categories: CategoryKey[];
  /** USD minor units, or null while unknown. */
  price: number | null;
  /** The "was" price while on sale. */
  compareAt?: number;
  inStock: boolean;
  /** Days after the catalog opened; some share a day to exercise tie-breaking. */
  createdDay: number;
}

const CATALOG_OPENED_AT = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/**
 * Worded so text tests stay unambiguous: "travel" is in one name and one description,
 * "cable"/"table" and "case" (a description)/"Café" (a name) are one edit apart, and no
 * name holds a word starting with "wear". Prices sit on bucket boundaries (2500, 5000,
 * 10000) and tie (29999).
 */
const PRODUCTS: ProductSpec[] = [
  {
    id: 'prod-01',
    name: 'Aurora Wireless Headphones',
    brand: 'Aurora',
    description: 'Over-ear headphones with forty hours of battery.',
    categories: ['audio'],
    price: 12_999,
    inStock: true,
    createdDay: 1,
  },
  {
    id: 'prod-02',
    name: 'Aurora Wireless Earbuds',
    brand: 'Aurora',
    description: 'Compact earbuds with a charging case.',
    categories: ['audio'],
    price: 7_999,
    compareAt: 9_999,
    inStock: true,
    createdDay: 2,
  },
  {
    id: 'prod-03',
    name: 'Aurora Studio Monitor Speakers',
    brand: 'Aurora',
    description: 'Flat response for mixing and mastering.',
    categories: ['audio'],
    price: 34_999,
    inStock: false,
    createdDay: 3,
  },
  {
    id: 'prod-04',
    name: 'Nimbus Bluetooth Speaker',
    brand: 'Nimbus',
    description: 'Rugged waterproof speaker for outdoor parties.',
    categories: ['audio'],
    price: 4_999,
    inStock: true,
    createdDay: 4,
  },
  {
    id: 'prod-05',
    name: 'Solstice Noise Cancelling Headphones',
    brand: 'Solstice',
    description: 'Quiet focus on flights and trains.',
    categories: ['audio'],
    price: null,
    inStock: false,
    createdDay: 5,
  },
  {
    id: 'prod-06',
    name: 'Aurora Vinyl Turntable',
    brand: 'Aurora',
    description: 'Belt drive record player with a built-in preamp.',
    categories: ['audio'],
    price: null,
    inStock: false,
    createdDay: 6,
  },
  {
    id: 'prod-07',
    name: 'Nimbus Ultrabook Laptop 14',
    brand: 'Nimbus',
    description: 'Thin and light with an all-day battery.',
    categories: ['computers'],
    price: 129_999,
    inStock: true,
    createdDay: 7,
  },
  {
    id: 'prod-08',
    name: 'Nimbus Gaming Laptop 17',
    brand: 'Nimbus',
    description: 'High refresh display and a fast graphics card.',
    categories: ['computers'],
    price: 219_999,
    inStock: false,
    createdDay: 8,
  },
  {
    id: 'prod-09',
    name: 'Nimbus Wireless Mouse',
    brand: 'Nimbus',
    description: 'Ergonomic shape with silent buttons.',
    categories: ['computers'],
    price: 2_499,
    inStock: true,
    createdDay: 9,
  },
  {
    id: 'prod-10',
    name: 'Nimbus Mechanical Keyboard',
    brand: 'Nimbus',
    description: 'Hot-swappable switches and aluminium frame.',
    categories: ['computers'],
    price: 8_999,
    inStock: true,
    createdDay: 10,
  },
  {
    id: 'prod-11',
    name: 'Trailhead Laptop Backpack',
    brand: 'Trailhead',
    description: 'Padded sleeve bag for travel and commuting.',
    categories: ['computers', 'outdoor'],
    price: 5_999,
    inStock: true,
    createdDay: 11,
  },
  {
    id: 'prod-12',
    name: 'Braided USB-C Cable',
    brand: 'Nimbus',
    description: 'Two metres long, supports fast charging.',
    categories: ['computers'],
    price: 1_299,
    inStock: true,
    createdDay: 12,
  },
  {
    id: 'prod-13',
    name: 'Aurora USB Microphone',
    brand: 'Aurora',
    description: 'Cardioid pickup for podcasts and streaming.',
    categories: ['audio', 'computers'],
    price: 10_000,
    inStock: true,
    createdDay: 13,
  },
  {
    id: 'prod-14',
    name: 'Kettleworks Electric Kettle',
    brand: 'Kettleworks',
    description: 'Boils a litre in three minutes.',
    categories: ['home'],
    price: 3_999,
    inStock: true,
    createdDay: 14,
  },
  {
    id: 'prod-15',
    name: 'Kettleworks Café Press Coffee Maker',
    brand: 'Kettleworks',
    description: 'French press brewing for four cups.',
    categories: ['home'],
    price: 4_500,
    inStock: false,
    createdDay: 15,
  },
  {
    id: 'prod-16',
    name: 'Kettleworks Cast Iron Skillet',
    brand: 'Kettleworks',
    description: 'Pre-seasoned and oven safe.',
    categories: ['home'],
    price: 5_000,
    inStock: true,
    createdDay: 16,
  },
  {
    id: 'prod-17',
    name: 'Lumière Desk Lamp',
    brand: 'Lumière',
    description: 'Dimmable warm light for reading.',
    categories: ['home'],
    price: 2_500,
    inStock: true,
    createdDay: 17,
  },
  {
    id: 'prod-18',
    name: 'Lumière Floor Lamp',
    brand: 'Lumière',
    description: 'Tall arc lamp with a linen shade.',
    categories: ['home'],
    price: null,
    inStock: false,
    createdDay: 18,
  },
  {
    id: 'prod-19',
    name: 'Lumière Oak Coffee Table',
    brand: 'Lumière',
    description: 'Solid oak with a matte finish.',
    categories: ['home'],
    price: 24_999,
    inStock: true,
    createdDay: 19,
  },
  {
    id: 'prod-20',
    name: 'Trailhead Hiking Boots',
    brand: 'Trailhead',
    description: 'Waterproof leather with a grippy sole.',
    categories: ['outdoor'],
    price: 15_999,
    inStock: true,
    createdDay: 20,
  },
  {
    id: 'prod-21',
    name: 'Trailhead Camping Tent',
    brand: 'Trailhead',
    description: 'Sleeps four, sets up in minutes.',
    categories: ['outdoor'],
    price: 29_999,
    inStock: false,
    createdDay: 20,
  },
  {
    id: 'prod-22',
    name: 'Trailhead Insulated Travel Bottle',
    brand: 'Trailhead',
    description: 'Keeps drinks cold for a day.',
    categories: ['outdoor'],
    price: 2_999,
    inStock: true,
    createdDay: 21,
  },
  {
    id: 'prod-23',
    name: 'Trailhead Headlamp',
    brand: 'Trailhead',
    description: 'Bright beam for night hikes.',
    categories: ['outdoor'],
    price: 3_499,
    inStock: true,
    createdDay: 22,
  },
  {
    id: 'prod-24',
    name: 'Trailhead Sleeping Bag',
    brand: 'Trailhead',
    description: 'Rated down to minus five degrees.',
    categories: ['outdoor'],
    price: null,
    inStock: false,
    createdDay: 22,
  },
  {
    id: 'prod-25',
    name: 'Solstice Trail Running Watch',
    brand: 'Solstice',
    description: 'GPS tracking with heart rate.',
    categories: ['wearables', 'outdoor'],
    price: 49_999,
    inStock: true,
    createdDay: 23,
  },
  {
    id: 'prod-26',
    name: 'Solstice Fitness Tracker',
    brand: 'Solstice',
    description: 'Counts steps and monitors sleep.',
    categories: ['wearables'],
    price: 9_999,
    inStock: true,
    createdDay: 24,
  },
  {
    id: 'prod-27',
    name: 'Solstice Smartwatch Pro',
    brand: 'Solstice',
    description: 'Always-on display and contactless payments.',
    categories: ['wearables'],
    price: 59_999,
    inStock: true,
    createdDay: 25,
  },
  {
    id: 'prod-28',
    name: 'Solstice Sleep Mask',
    brand: 'Solstice',
    description: 'Contoured blackout mask for deep rest.',
    categories: ['wearables'],
    price: null,
    inStock: true,
    createdDay: 26,
  },
  {
    id: 'prod-29',
    name: 'Aurora Bone Conduction Headphones',
    brand: 'Aurora',
    description: 'Open-ear design for runners.',
    categories: ['audio', 'wearables'],
    price: 17_999,
    inStock: true,
    createdDay: 27,
  },
  {
    id: 'prod-30',
    name: 'Solstice Smart Ring',
    brand: 'Solstice',
    description: 'Titanium ring that tracks recovery.',
    categories: ['wearables'],
    price: 29_999,
    inStock: false,
    createdDay: 27,
  },
];

function toSearchDocument(spec: ProductSpec): SearchDocument {
  const categories = spec.categories.map((key) => CATEGORIES[key]);
  return {
    productId: spec.id,
    name: spec.name,
    brand: spec.brand,
    description: spec.description,
    categoryIds: categories.map((category) => category.id),
    categoryNames: categories.map((category) => category.name),
    image: `https://images.example.test/${spec.id}.jpg`,
    price: spec.price === null ? null : { amount: spec.price, currency: 'USD' },
    compareAtPrice:
      spec.compareAt === undefined ? null : { amount: spec.compareAt, currency: 'USD' },
    inStock: spec.inStock,
    createdAt: CATALOG_OPENED_AT + spec.createdDay * DAY_MS,
  };
}

/** A fresh copy on every call, so no test can leak mutations into another. */
export function fixtureCatalog(): SearchDocument[] {
  return PRODUCTS.map(toSearchDocument);
}

export function fixtureProduct(productId: string): SearchDocument {
  const product = fixtureCatalog().find((document) => document.productId === productId);
  if (product === undefined) throw new Error(`No fixture product ${productId}`);
  return product;
}

/** Ids of fixture products satisfying a predicate, in product id order. */
export function fixtureIds(predicate: (document: SearchDocument) => boolean): string[] {
  return fixtureCatalog()
    .filter(predicate)
    .map((document) => document.productId)
    .sort();
}
