/**
 * Word lists for the demo catalog: a small category tree where every leaf carries its own
 * invented brands, product nouns, name modifiers, attributes, variant options and copy templates.
 *
 * Templates use `{placeholder}`s: `{brand}`, `{noun}` (lower-cased product noun) or any attribute key
 * of the leaf/noun. A noun may override its leaf's modifiers, options and leads, and add or replace
 * attributes (matched by key).
 *
 * All brand names are invented for demo purposes.
 */

export type AttributeValue = string | number | boolean;

export type AttributeSpec =
  | { readonly key: string; readonly kind: 'text'; readonly values: readonly string[] }
  | { readonly key: string; readonly kind: 'number'; readonly values: readonly number[] }
  | {
      readonly key: string;
      readonly kind: 'range';
      readonly min: number;
      readonly max: number;
      readonly step: number;
    }
  | {
      readonly key: string;
      readonly kind: 'flag';
      readonly chance: number;
      /** Phrase used in descriptions when the flag is true, e.g. "active noise cancellation". */
      readonly feature: string | null;
    };

export interface OptionSpec {
  readonly name: string;
  readonly values: readonly string[];
  /** Ordered scales (sizes, capacities) are offered as a contiguous run; others are sampled. */
  readonly ordered: boolean;
}

export interface ModifierSpec {
  /** Series/adjective placed between brand and noun, e.g. "Cast Iron". */
  readonly label: string;
  /** Attribute values implied by the label, e.g. { material: 'cast iron' }. */
  readonly set: Readonly<Record<string, AttributeValue>>;
}

export interface NounSpec {
  readonly label: string;
  /** 2–4 uppercase letters used in SKUs. */
  readonly code: string;
  /** Whole-dollar list price range. */
  readonly price: readonly [min: number, max: number];
  readonly modifiers?: readonly ModifierSpec[];
  readonly attributes?: readonly AttributeSpec[];
  readonly options?: readonly OptionSpec[];
  readonly leads?: readonly string[];
}

export interface LeafSpec {
  readonly key: string;
  readonly name: string;
  readonly brands: readonly string[];
  readonly modifiers: readonly ModifierSpec[];
  readonly attributes: readonly AttributeSpec[];
  readonly options: readonly OptionSpec[];
  /** Opening sentences; every placeholder must resolve for every noun of the leaf. */
  readonly leads: readonly string[];
  readonly nouns: readonly NounSpec[];
}

export interface DepartmentSpec {
  readonly key: string;
  readonly name: string;
  /** Tokens that tell otherwise identical product names apart ("Pro", "Heritage", …). */
  readonly series: readonly string[];
  readonly seriesPlacement: 'suffix' | 'afterBrand';
  /** Optional closing sentences for descriptions. */
  readonly closers: readonly string[];
  readonly leaves: readonly LeafSpec[];
}

const text = (key: string, values: readonly string[]): AttributeSpec => ({
  key,
  kind: 'text',
  values,
});
const num = (key: string, values: readonly number[]): AttributeSpec => ({
  key,
  kind: 'number',
  values,
});
const range = (key: string, min: number, max: number, step = 1): AttributeSpec => ({
  key,
  kind: 'range',
  min,
  max,
  step,
});
const flag = (key: string, chance: number, feature: string | null = null): AttributeSpec => ({
  key,
  kind: 'flag',
  chance,
  feature,
});
const scale = (name: string, values: readonly string[]): OptionSpec => ({
  name,
  values,
  ordered: true,
});
const choice = (name: string, values: readonly string[]): OptionSpec => ({
  name,
  values,
  ordered: false,
});
const mod = (label: string, set: Record<string, AttributeValue> = {}): ModifierSpec => ({
  label,
  set,
});

const TECH_COLORS = ['Black', 'White', 'Graphite', 'Silver', 'Midnight Blue', 'Sage Green'];
const HOME_COLORS = ['Stainless', 'Matte Black', 'Cream', 'Sage', 'Terracotta'];
const LINEN_COLORS = ['White', 'Ivory', 'Slate', 'Sage', 'Blush', 'Charcoal'];
const OUTDOOR_COLORS = ['Forest Green', 'Slate Blue', 'Sand', 'Burnt Orange', 'Charcoal'];
const APPAREL_COLORS = ['Black', 'Navy', 'Heather Gray', 'Olive', 'Oatmeal', 'Rust', 'White'];
const APPAREL_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SHOE_SIZES = ['US 6', 'US 7', 'US 8', 'US 9', 'US 10', 'US 11', 'US 12', 'US 13'];
const BED_SIZES = ['Twin', 'Full', 'Queen', 'King', 'California King'];
const LEATHER_COLORS = ['Brown', 'Black', 'Tan', 'Olive', 'Navy'];

const electronics: DepartmentSpec = {
  key: 'electronics',
  name: 'Electronics',
  series: ['Pro', 'Max', 'Plus', 'Lite', 'Mini', 'Ultra', 'SE', 'Neo'],
  seriesPlacement: 'suffix',
  closers: [
    'Backed by a two-year limited warranty.',
    'Includes a quick-start guide and 30-day hassle-free returns.',
    'Free firmware updates add features over time.',
  ],
  leaves: [
    {
      key: 'electronics-audio',
      name: 'Headphones & Earbuds',
      brands: ['Aurora', 'Hushwave', 'Veloura', 'Tonecraft'],
      modifiers: [
        mod('ANC', { noiseCancelling: true }),
        mod('Studio'),
        mod('Hi-Res'),
        mod('Travel', { noiseCancelling: true }),
        mod('Kids'),
      ],
      attributes: [
        range('batteryHours', 20, 60, 2),
        text('bluetoothVersion', ['5.2', '5.3', '5.4']),
        text('waterResistance', ['IPX4', 'IPX5', 'IPX7']),
        range('weightGrams', 180, 320, 5),
        flag('noiseCancelling', 0.45, 'active noise cancellation'),
        flag('multipoint', 0.5, 'multipoint pairing with two devices'),
        flag('wirelessCharging', 0.3, 'a wireless charging case'),
      ],
      options: [choice('color', TECH_COLORS)],
      leads: [
        'Tuned by {brand} with custom drivers, Bluetooth {bluetoothVersion} and up to {batteryHours} hours of playback per charge.',
        'Weighing just {weightGrams} g, these deliver {batteryHours} hours of listening and an {waterResistance} rating against sweat and rain.',
        'Clear, balanced sound over Bluetooth {bluetoothVersion}, with {batteryHours} hours of battery life and {waterResistance} water resistance.',
      ],
      nouns: [
        { label: 'Wireless Headphones', code: 'HP', price: [79, 349] },
        { label: 'Over-Ear Headphones', code: 'OEH', price: [99, 399] },
        {
          label: 'True Wireless Earbuds',
          code: 'EB',
          price: [49, 249],
          attributes: [range('batteryHours', 6, 10), range('weightGrams', 40, 65)],
        },
        {
          label: 'Open-Ear Earbuds',
          code: 'OEB',
          price: [69, 179],
          attributes: [
            range('batteryHours', 6, 12),
            range('weightGrams', 45, 70),
            flag('noiseCancelling', 0),
          ],
          modifiers: [mod('Sport'), mod('Hi-Res'), mod('Kids')],
        },
        {
          label: 'Neckband Earphones',
          code: 'NBE',
          price: [29, 129],
          attributes: [range('batteryHours', 12, 24), range('weightGrams', 25, 45)],
        },
      ],
    },
    {
      key: 'electronics-monitors',
      name: 'Monitors',
      brands: ['Lumen', 'Pixelforge', 'Vistaline', 'Arclight'],
      modifiers: [
        mod('24" FHD', { screenInches: 24, resolution: '1920 x 1080' }),
        mod('27" QHD', { screenInches: 27, resolution: '2560 x 1440' }),
        mod('27" 4K', { screenInches: 27, resolution: '3840 x 2160' }),
        mod('32" 4K', { screenInches: 32, resolution: '3840 x 2160' }),
      ],
      attributes: [
        num('screenInches', [24, 27, 32]),
        text('resolution', ['1920 x 1080', '2560 x 1440', '3840 x 2160']),
        num('refreshRateHz', [60, 75, 100, 144]),
        text('panelType', ['IPS', 'VA', 'OLED']),
        flag('heightAdjustable', 0.6, 'a height-adjustable, tilting stand'),
        flag('hdr', 0.5, 'HDR10 support'),
        flag('usbCPowerDelivery', 0.4, 'single-cable USB-C with laptop charging'),
      ],
      options: [choice('finish', ['Black', 'White', 'Silver'])],
      leads: [
        'A {screenInches}-inch {panelType} panel at {resolution} and {refreshRateHz} Hz delivers sharp text and smooth motion.',
        'Built around a {resolution} {panelType} display, this {screenInches}-inch screen refreshes at up to {refreshRateHz} Hz.',
        '{brand} pairs a {screenInches}-inch {panelType} panel with slim bezels and a {refreshRateHz} Hz refresh rate.',
      ],
      nouns: [
        { label: 'Monitor', code: 'MON', price: [149, 699] },
        {
          label: 'Gaming Monitor',
          code: 'GMN',
          price: [199, 899],
          attributes: [num('refreshRateHz', [144, 165, 240])],
          modifiers: [
            mod('27" 165Hz', { screenInches: 27, refreshRateHz: 165, resolution: '2560 x 1440' }),
            mod('27" 240Hz', { screenInches: 27, refreshRateHz: 240, resolution: '2560 x 1440' }),
            mod('32" 144Hz', { screenInches: 32, refreshRateHz: 144, resolution: '3840 x 2160' }),
            mod('24" 240Hz', { screenInches: 24, refreshRateHz: 240, resolution: '1920 x 1080' }),
          ],
        },
        {
          label: 'Ultrawide Monitor',
          code: 'UWM',
          price: [349, 1199],
          attributes: [
            num('screenInches', [34, 38]),
            text('resolution', ['3440 x 1440', '3840 x 1600']),
          ],
          modifiers: [
            mod('34" Curved', { screenInches: 34, resolution: '3440 x 1440' }),
            mod('38" Curved', { screenInches: 38, resolution: '3840 x 1600' }),
          ],
        },
        {
          label: 'Portable Monitor',
          code: 'PMN',
          price: [129, 329],
          attributes: [
            num('screenInches', [15.6, 16]),
            text('resolution', ['1920 x 1080', '2560 x 1600']),
            num('refreshRateHz', [60, 120]),
            flag('heightAdjustable', 0),
          ],
          modifiers: [
            mod('15.6" FHD', { screenInches: 15.6, resolution: '1920 x 1080' }),
            mod('16" QHD', { screenInches: 16, resolution: '2560 x 1600' }),
          ],
          options: [choice('finish', ['Black', 'Silver'])],
        },
      ],
    },
    {
      key: 'electronics-peripherals',
      name: 'Keyboards & Mice',
      brands: ['Keywright', 'Tactyl', 'Clickwell', 'Cursora'],
      modifiers: [mod('Ergonomic'), mod('Silent'), mod('Travel')],
      attributes: [
        text('connection', ['USB-C wired', '2.4 GHz wireless', 'Bluetooth + 2.4 GHz']),
        text('bodyMaterial', ['anodized aluminium', 'matte ABS plastic', 'recycled plastic']),
        range('weightGrams', 60, 140, 5),
        flag('rgbLighting', 0.35, 'customizable RGB lighting'),
        flag('multiDevice', 0.4, 'one-tap switching between three devices'),
      ],
      options: [choice('color', ['Black', 'White', 'Graphite'])],
      leads: [
        'Made with a {bodyMaterial} body and a {connection} connection, built for long days at the desk.',
        '{brand} designed it with a {bodyMaterial} shell, {connection} connectivity and a weight of {weightGrams} g.',
      ],
      nouns: [
        {
          label: 'Mechanical Keyboard',
          code: 'MKB',
          price: [69, 229],
          attributes: [
            range('weightGrams', 650, 1250, 10),
            flag('hotSwappable', 0.6, 'hot-swappable switch sockets'),
          ],
          modifiers: [
            mod('75%'),
            mod('TKL'),
            mod('Full-Size'),
            mod('Wireless', { connection: 'Bluetooth + 2.4 GHz' }),
            mod('Low-Profile'),
          ],
          options: [
            choice('switch', ['Linear Red', 'Tactile Brown', 'Clicky Blue']),
            choice('color', ['Black', 'White', 'Graphite']),
          ],
        },
        {
          label: 'Wireless Mouse',
          code: 'MSE',
          price: [29, 119],
          attributes: [text('connection', ['2.4 GHz wireless', 'Bluetooth + 2.4 GHz'])],
        },
        {
          label: 'Gaming Mouse',
          code: 'GMS',
          price: [39, 149],
          attributes: [num('maxDpi', [16000, 26000, 30000]), range('weightGrams', 55, 95)],
          modifiers: [
            mod('Ultralight'),
            mod('Wireless', { connection: '2.4 GHz wireless' }),
            mod('Esports'),
          ],
          leads: [
            'A {weightGrams} g {bodyMaterial} shell over a {maxDpi} DPI sensor, tuned by {brand} for fast, precise aim.',
            'Built with a {maxDpi} DPI optical sensor and a {connection} connection for lag-free play.',
          ],
        },
        {
          label: 'Trackball',
          code: 'TRB',
          price: [49, 129],
          attributes: [range('weightGrams', 140, 280, 5)],
          modifiers: [mod('Ergonomic'), mod('Thumb-Operated'), mod('Compact')],
        },
      ],
    },
  ],
};

const home: DepartmentSpec = {
  key: 'home-kitchen',
  name: 'Home & Kitchen',
  series: ['Signature', 'Classic', 'Heritage', 'Essentials', 'Select', 'Atelier'],
  seriesPlacement: 'afterBrand',
  closers: [
    'Designed in-house and tested for everyday use.',
    'Arrives in plastic-free, recyclable packaging.',
    'Backed by a 30-day, no-questions-asked return policy.',
  ],
  leaves: [
    {
      key: 'home-kitchen-cookware',
      name: 'Cookware',
      brands: ['Nordhaven', 'Ironhearth', 'Copperwick', 'Mesa Forge'],
      modifiers: [
        mod('Cast Iron', {
          material: 'cast iron',
          dishwasherSafe: false,
          inductionCompatible: true,
        }),
        mod('Tri-Ply Stainless', {
          material: 'tri-ply stainless steel',
          inductionCompatible: true,
        }),
        mod('Nonstick', { material: 'nonstick-coated aluminium' }),
        mod('Carbon Steel', { material: 'carbon steel', dishwasherSafe: false }),
        mod('Copper Core', { material: 'copper-core stainless steel' }),
      ],
      attributes: [
        text('material', [
          'cast iron',
          'tri-ply stainless steel',
          'nonstick-coated aluminium',
          'carbon steel',
        ]),
        range('ovenSafeF', 400, 600, 50),
        range('weightGrams', 1100, 3200, 50),
        flag('inductionCompatible', 0.7, 'induction compatibility'),
        flag('dishwasherSafe', 0.4, 'dishwasher-safe construction'),
      ],
      options: [scale('size', ['8"', '10"', '12"'])],
      leads: [
        'Made from {material}, it heats evenly and is oven-safe to {ovenSafeF}°F.',
        'Crafted from {material} by {brand} to go from stovetop to oven at up to {ovenSafeF}°F.',
        'Weighing {weightGrams} g, this {material} {noun} sears, simmers and braises with steady, even heat.',
      ],
      nouns: [
        { label: 'Skillet', code: 'SKL', price: [29, 189] },
        {
          label: 'Dutch Oven',
          code: 'DOV',
          price: [59, 349],
          attributes: [
            text('material', ['enameled cast iron', 'cast iron']),
            range('weightGrams', 3800, 6200, 100),
          ],
          modifiers: [
            mod('Enameled', { material: 'enameled cast iron', inductionCompatible: true }),
            mod('Cast Iron', { material: 'cast iron', dishwasherSafe: false }),
            mod('Round'),
            mod('Oval'),
          ],
          options: [
            scale('capacity', ['3.5 qt', '5.5 qt', '7.25 qt']),
            choice('color', ['Cream', 'Cobalt', 'Cherry Red', 'Graphite', 'Sage']),
          ],
        },
        {
          label: 'Saucepan',
          code: 'SAU',
          price: [35, 179],
          attributes: [
            text('material', [
              'tri-ply stainless steel',
              'nonstick-coated aluminium',
              'copper-core stainless steel',
            ]),
            range('weightGrams', 900, 2100, 50),
          ],
          modifiers: [
            mod('Tri-Ply Stainless', {
              material: 'tri-ply stainless steel',
              inductionCompatible: true,
            }),
            mod('Nonstick', { material: 'nonstick-coated aluminium' }),
            mod('Copper Core', { material: 'copper-core stainless steel' }),
          ],
          options: [scale('capacity', ['1.5 qt', '2 qt', '3 qt', '4 qt'])],
        },
        {
          label: 'Stockpot',
          code: 'STP',
          price: [49, 229],
          attributes: [
            text('material', ['tri-ply stainless steel', 'enameled steel']),
            range('weightGrams', 2200, 4800, 100),
          ],
          modifiers: [
            mod('Tri-Ply Stainless', {
              material: 'tri-ply stainless steel',
              inductionCompatible: true,
            }),
            mod('Enameled', { material: 'enameled steel' }),
          ],
          options: [scale('capacity', ['8 qt', '12 qt', '16 qt'])],
        },
        {
          label: 'Wok',
          code: 'WOK',
          price: [39, 149],
          modifiers: [
            mod('Carbon Steel', { material: 'carbon steel', dishwasherSafe: false }),
            mod('Nonstick', { material: 'nonstick-coated aluminium' }),
            mod('Flat-Bottom'),
          ],
          options: [scale('size', ['12"', '14"'])],
        },
      ],
    },
    {
      key: 'home-kitchen-appliances',
      name: 'Small Appliances',
      brands: ['Brewline', 'Kettleworks', 'Vireo Home', 'Hearthmade'],
      modifiers: [mod('Compact'), mod('Digital', { programmable: true })],
      attributes: [
        range('wattage', 900, 1500, 50),
        text('housing', [
          'brushed stainless steel',
          'matte powder-coated steel',
          'BPA-free plastic',
        ]),
        num('warrantyYears', [1, 2, 3]),
        flag('programmable', 0.5, 'programmable presets'),
        flag('autoShutoff', 0.8, 'automatic shut-off'),
        flag('keepWarm', 0.4, 'a keep-warm mode'),
      ],
      options: [choice('color', HOME_COLORS)],
      leads: [
        'Housed in {housing} and rated at {wattage} W, it gets breakfast going in minutes.',
        'Rated at {wattage} W with a {housing} finish, designed to sit neatly on any countertop.',
        'Easy to clean and built from {housing}, it comes with a {warrantyYears}-year warranty from {brand}.',
      ],
      nouns: [
        {
          label: 'Electric Kettle',
          code: 'KTL',
          price: [29, 149],
          attributes: [range('wattage', 1000, 1500, 100)],
          modifiers: [
            mod('Gooseneck'),
            mod('Variable Temperature', { programmable: true }),
            mod('Glass', { housing: 'borosilicate glass' }),
          ],
        },
        {
          label: 'Drip Coffee Maker',
          code: 'CFM',
          price: [49, 249],
          modifiers: [
            mod('12-Cup'),
            mod('Thermal Carafe', { keepWarm: false }),
            mod('Programmable', { programmable: true }),
          ],
        },
        {
          label: 'Espresso Machine',
          code: 'ESP',
          price: [149, 799],
          attributes: [range('wattage', 1200, 1700, 50), num('pumpBar', [9, 15, 19])],
          modifiers: [mod('Semi-Automatic'), mod('Dual Boiler'), mod('Compact')],
          leads: [
            'A {pumpBar}-bar pump and {wattage} W heating system pull café-quality shots at home.',
            'Housed in {housing} with a {pumpBar}-bar pump and a steam wand for silky milk.',
          ],
        },
        {
          label: 'Blender',
          code: 'BLN',
          price: [49, 399],
          attributes: [range('wattage', 300, 1500, 100)],
          modifiers: [mod('High-Speed'), mod('Personal'), mod('Immersion')],
        },
        {
          label: 'Toaster',
          code: 'TST',
          price: [29, 149],
          attributes: [range('wattage', 800, 1400, 50)],
          modifiers: [mod('2-Slice'), mod('4-Slice'), mod('Long-Slot')],
        },
      ],
    },
    {
      key: 'home-kitchen-bedding',
      name: 'Bedding',
      brands: ['Linenfold', 'Cloudmere', 'Slumberoak', 'Drowsy Pine'],
      modifiers: [
        mod('Percale', { material: 'long-staple cotton percale' }),
        mod('Sateen', { material: 'cotton sateen' }),
        mod('Linen', { material: 'stonewashed French linen' }),
        mod('Eucalyptus', { material: 'eucalyptus lyocell' }),
      ],
      attributes: [
        text('material', [
          'long-staple cotton percale',
          'cotton sateen',
          'stonewashed French linen',
          'eucalyptus lyocell',
        ]),
        num('threadCount', [300, 400, 500, 600]),
        flag('certifiedOrganic', 0.4, 'certified organic fibres'),
        flag('machineWashable', 0.9, 'easy machine-wash care'),
      ],
      options: [scale('size', BED_SIZES), choice('color', LINEN_COLORS)],
      leads: [
        'Woven from {material} with a {threadCount} thread count for a soft, breathable feel.',
        'Made from {material}, it gets softer with every wash and keeps you comfortable year-round.',
        '{brand} sources {material} for a {threadCount}-thread-count weave that drapes beautifully.',
      ],
      nouns: [
        {
          label: 'Sheet Set',
          code: 'SHT',
          price: [69, 299],
          attributes: [
            flag('deepPockets', 0.6, 'deep pockets that fit mattresses up to 16 inches'),
          ],
        },
        {
          label: 'Duvet Cover',
          code: 'DUV',
          price: [79, 329],
          attributes: [flag('cornerTies', 0.7, 'interior corner ties to keep the insert in place')],
        },
        {
          label: 'Pillowcase Pair',
          code: 'PIL',
          price: [25, 89],
          options: [scale('size', ['Standard', 'King']), choice('color', LINEN_COLORS)],
        },
        {
          label: 'Quilt',
          code: 'QLT',
          price: [99, 349],
          modifiers: [mod('Lightweight'), mod('Diamond-Stitch'), mod('Waffle-Weave')],
        },
        {
          label: 'Down Alternative Comforter',
          code: 'CMF',
          price: [89, 299],
          attributes: [
            text('material', ['microfiber', 'recycled polyester', 'down-alternative cluster']),
            flag('certifiedOrganic', 0),
          ],
          leads: [
            'Lofty {material} fill inside a breathable cotton shell keeps you warm without overheating.',
            '{brand} fills a {threadCount}-thread-count cotton shell with {material} for year-round warmth.',
          ],
          modifiers: [mod('All-Season'), mod('Lightweight'), mod('Extra-Warm')],
          options: [scale('size', BED_SIZES)],
        },
      ],
    },
  ],
};

const outdoors: DepartmentSpec = {
  key: 'outdoors',
  name: 'Outdoors',
  series: ['Summit', 'Basecamp', 'Ridge', 'Expedition', 'Alpine', 'Backcountry'],
  seriesPlacement: 'afterBrand',
  closers: [
    'Covered by a lifetime repair guarantee.',
    'Field-tested on multi-day trips in all four seasons.',
    'Packed in recycled, plastic-free packaging.',
  ],
  leaves: [
    {
      key: 'outdoors-camping',
      name: 'Camping Gear',
      brands: ['Ridgecamp', 'Northpine', 'Emberpeak', 'Trailborne'],
      modifiers: [mod('Ultralight'), mod('Compact')],
      attributes: [
        text('material', ['ripstop nylon', 'recycled polyester', 'silicone-coated nylon']),
        range('weightGrams', 400, 1800, 10),
        flag('recycledMaterials', 0.5, 'recycled fabrics throughout'),
      ],
      options: [choice('color', OUTDOOR_COLORS)],
      leads: [
        'Built from {material} and weighing only {weightGrams} g, it packs down small for long approaches.',
        '{brand} designed it around {material} to stay light ({weightGrams} g) without giving up durability.',
      ],
      nouns: [
        {
          label: 'Backpacking Tent',
          code: 'TNT',
          price: [149, 599],
          attributes: [
            range('weightGrams', 900, 3200, 10),
            text('seasonRating', ['3-season', '4-season']),
            num('waterproofRatingMm', [1500, 3000, 5000]),
            flag('freestanding', 0.6, 'a freestanding pole design'),
          ],
          modifiers: [mod('1-Person'), mod('2-Person'), mod('3-Person'), mod('Ultralight')],
          leads: [
            'A {seasonRating} shelter in {material} with a {waterproofRatingMm} mm waterproof rating, weighing {weightGrams} g all-in.',
            '{brand} built this {seasonRating} tent from {material} with a {waterproofRatingMm} mm rainfly and taped seams.',
          ],
        },
        {
          label: 'Sleeping Bag',
          code: 'SLB',
          price: [89, 449],
          attributes: [
            num('temperatureRatingF', [0, 20, 35]),
            text('insulation', ['synthetic', '650-fill down', '850-fill down']),
            range('weightGrams', 700, 1900, 10),
          ],
          modifiers: [
            mod('0°F', { temperatureRatingF: 0 }),
            mod('20°F', { temperatureRatingF: 20 }),
            mod('35°F', { temperatureRatingF: 35 }),
            mod('Down', { insulation: '850-fill down' }),
            mod('Mummy'),
          ],
          options: [scale('length', ['Regular', 'Long']), choice('color', OUTDOOR_COLORS)],
          leads: [
            'Rated to {temperatureRatingF}°F with {insulation} insulation and a {material} shell, it weighs {weightGrams} g.',
            '{brand} fills it with {insulation} insulation, rated to {temperatureRatingF}°F, inside a {material} shell.',
          ],
        },
        {
          label: 'Sleeping Pad',
          code: 'SLP',
          price: [49, 219],
          attributes: [num('rValue', [2.1, 3.5, 4.2, 5.4]), range('weightGrams', 340, 900, 10)],
          modifiers: [mod('Insulated'), mod('Self-Inflating'), mod('Ultralight')],
          options: [scale('length', ['Regular', 'Long', 'Wide Long'])],
          leads: [
            'An R-value of {rValue} and a {material} face fabric keep you warm and comfortable at {weightGrams} g.',
          ],
        },
        {
          label: 'Camp Chair',
          code: 'CHR',
          price: [39, 149],
          attributes: [num('maxLoadLbs', [250, 300, 350]), range('weightGrams', 850, 2400, 10)],
          modifiers: [mod('Folding'), mod('Ultralight'), mod('Low-Profile')],
          leads: [
            'A {material} seat on an aluminium frame that holds up to {maxLoadLbs} lb and folds to carry.',
          ],
        },
        {
          label: 'Camp Stove',
          code: 'STV',
          price: [39, 159],
          attributes: [
            text('material', ['stainless steel', 'aluminium alloy']),
            range('weightGrams', 80, 3500, 10),
            num('outputBtu', [7000, 10000, 20000]),
          ],
          modifiers: [mod('Compact'), mod('Two-Burner'), mod('Canister')],
          options: [choice('color', ['Silver', 'Burnt Orange'])],
          leads: [
            'A {outputBtu} BTU burner in {material} that boils water fast, even at altitude.',
          ],
        },
      ],
    },
    {
      key: 'outdoors-backpacks',
      name: 'Backpacks',
      brands: ['Cairnline', 'Switchback Supply', 'Alpenrise', 'Trailborne'],
      modifiers: [mod('Packable'), mod('Ultralight')],
      attributes: [
        num('capacityLiters', [18, 22, 28]),
        text('material', ['recycled ripstop nylon', 'waxed canvas', 'high-tenacity nylon']),
        range('weightGrams', 350, 900, 10),
        flag('hydrationCompatible', 0.6, 'a hydration-sleeve compatible back panel'),
        flag('rainCoverIncluded', 0.4, 'an integrated rain cover'),
      ],
      options: [choice('color', OUTDOOR_COLORS)],
      leads: [
        'A {capacityLiters}-liter pack in {material}, weighing {weightGrams} g with a padded, ventilated harness.',
        'Made from {material}, this {capacityLiters} L pack carries comfortably from trailhead to summit.',
        '{brand} cut this {capacityLiters}-liter pack from {material} with plenty of quick-access pockets.',
      ],
      nouns: [
        {
          label: 'Daypack',
          code: 'DPK',
          price: [49, 149],
          modifiers: [
            mod('22L', { capacityLiters: 22 }),
            mod('28L', { capacityLiters: 28 }),
            mod('Packable'),
          ],
        },
        {
          label: 'Hiking Backpack',
          code: 'HBP',
          price: [99, 299],
          attributes: [num('capacityLiters', [40, 55, 65]), range('weightGrams', 1100, 2300, 10)],
          modifiers: [
            mod('40L', { capacityLiters: 40 }),
            mod('55L', { capacityLiters: 55 }),
            mod('65L', { capacityLiters: 65 }),
          ],
          options: [scale('torso', ['S/M', 'M/L']), choice('color', OUTDOOR_COLORS)],
        },
        {
          label: 'Hydration Pack',
          code: 'HYD',
          price: [49, 149],
          attributes: [
            num('capacityLiters', [8, 12]),
            flag('hydrationCompatible', 1, 'a 2-liter reservoir'),
          ],
          modifiers: [
            mod('8L', { capacityLiters: 8 }),
            mod('12L', { capacityLiters: 12 }),
            mod('Trail Running'),
          ],
        },
        {
          label: 'Travel Backpack',
          code: 'TBP',
          price: [99, 279],
          attributes: [num('capacityLiters', [30, 35, 45]), range('weightGrams', 1000, 1700, 10)],
          modifiers: [
            mod('35L', { capacityLiters: 35 }),
            mod('45L', { capacityLiters: 45 }),
            mod('Carry-On'),
          ],
        },
      ],
    },
    {
      key: 'outdoors-footwear',
      name: 'Hiking Footwear',
      brands: ['Trailborne', 'Scree & Co.', 'Granitefoot', 'Pathmaker'],
      modifiers: [mod('Waterproof', { waterproof: true }), mod('Lightweight'), mod('Mid')],
      attributes: [
        text('upper', ['full-grain leather', 'suede and mesh', 'recycled synthetic mesh']),
        text('outsole', ['sticky rubber lug', 'high-traction rubber', 'multi-directional lug']),
        num('dropMm', [4, 6, 8, 10]),
        range('weightGrams', 700, 1400, 10),
        flag('waterproof', 0.5, 'a waterproof, breathable membrane'),
      ],
      options: [scale('size', SHOE_SIZES), choice('color', ['Brown', 'Black', 'Slate', 'Olive'])],
      leads: [
        'Uppers in {upper} sit on a {outsole} outsole for confident footing on loose, rocky ground.',
        'Built with {upper} uppers, a {dropMm} mm drop and {outsole} outsoles, each pair weighs {weightGrams} g.',
        '{brand} pairs {upper} with a {outsole} outsole for grip on wet rock and muddy switchbacks.',
      ],
      nouns: [
        {
          label: 'Hiking Boots',
          code: 'HKB',
          price: [119, 279],
          modifiers: [
            mod('Waterproof', { waterproof: true }),
            mod('Mid'),
            mod('Leather', { upper: 'full-grain leather' }),
          ],
        },
        {
          label: 'Trail Runners',
          code: 'TRR',
          price: [89, 179],
          attributes: [range('weightGrams', 520, 760, 10)],
          modifiers: [
            mod('Waterproof', { waterproof: true }),
            mod('Lightweight'),
            mod('Cushioned'),
          ],
        },
        {
          label: 'Approach Shoes',
          code: 'APS',
          price: [99, 189],
          modifiers: [mod('Low'), mod('Mid'), mod('Suede', { upper: 'suede and mesh' })],
        },
        {
          label: 'Hiking Sandals',
          code: 'HSD',
          price: [49, 119],
          attributes: [
            text('upper', ['quick-dry webbing', 'recycled polyester webbing']),
            range('weightGrams', 450, 700, 10),
            flag('waterproof', 0),
          ],
          modifiers: [mod('Adjustable'), mod('Sport'), mod('Cushioned')],
        },
        {
          label: 'Winter Boots',
          code: 'WBT',
          price: [139, 299],
          attributes: [
            range('weightGrams', 1200, 1800, 10),
            flag('waterproof', 0.9, 'a waterproof, breathable membrane'),
          ],
          modifiers: [mod('Insulated'), mod('Waterproof', { waterproof: true }), mod('Snow')],
        },
      ],
    },
  ],
};

const fashion: DepartmentSpec = {
  key: 'fashion',
  name: 'Fashion',
  series: ['Heritage', 'Everyday', 'Studio', 'Essential', 'Atelier', 'Weekend'],
  seriesPlacement: 'afterBrand',
  closers: [
    'Ethically made in small batches.',
    'Free exchanges and returns within 60 days.',
    'Designed to be worn for years, not seasons.',
  ],
  leaves: [
    {
      key: 'fashion-tops',
      name: 'Tops',
      brands: ['Thread & Thistle', 'Marlow Row', 'Oakweave', 'Kindred Cotton'],
      modifiers: [
        mod('Organic Cotton', { material: '100% organic cotton' }),
        mod('Linen', { material: 'washed linen' }),
        mod('Relaxed-Fit', { fit: 'relaxed' }),
        mod('Slim-Fit', { fit: 'slim' }),
      ],
      attributes: [
        text('material', [
          '100% organic cotton',
          'washed linen',
          'cotton-modal jersey',
          'pima cotton',
        ]),
        text('fit', ['slim', 'regular', 'relaxed']),
        text('care', ['machine wash cold', 'machine wash cold, line dry', 'hand wash']),
        range('fabricWeightGsm', 140, 320, 10),
      ],
      options: [scale('size', APPAREL_SIZES), choice('color', APPAREL_COLORS)],
      leads: [
        'Cut from {material} in a {fit} fit, with a {fabricWeightGsm} gsm fabric that holds its shape.',
        'A {fit}-fit staple made from {fabricWeightGsm} gsm {material}.',
        '{brand} makes it from {material} for a soft, breathable feel; care is simple: {care}.',
      ],
      nouns: [
        { label: 'Crew Neck T-Shirt', code: 'TEE', price: [24, 59] },
        {
          label: 'Oxford Shirt',
          code: 'OXF',
          price: [49, 129],
          attributes: [
            text('material', ['100% organic cotton', 'washed linen', 'brushed cotton oxford']),
          ],
        },
        { label: 'Henley', code: 'HEN', price: [35, 79] },
        {
          label: 'Crewneck Sweater',
          code: 'SWT',
          price: [69, 189],
          attributes: [
            text('material', ['merino wool', 'cashmere-wool blend', 'organic cotton knit']),
            range('fabricWeightGsm', 250, 450, 10),
          ],
          modifiers: [
            mod('Merino', { material: 'merino wool' }),
            mod('Cashmere-Blend', { material: 'cashmere-wool blend' }),
            mod('Cable-Knit'),
          ],
        },
        { label: 'Polo Shirt', code: 'POL', price: [39, 89] },
        {
          label: 'Hoodie',
          code: 'HOD',
          price: [59, 129],
          attributes: [
            text('material', [
              'organic cotton fleece',
              'French terry cotton',
              'recycled cotton blend',
            ]),
            range('fabricWeightGsm', 300, 480, 10),
          ],
          modifiers: [
            mod('Heavyweight'),
            mod('Zip-Up'),
            mod('Organic Cotton', { material: 'organic cotton fleece' }),
          ],
        },
      ],
    },
    {
      key: 'fashion-outerwear',
      name: 'Outerwear',
      brands: ['Galeward', 'Harbor Loom', 'Fjellwind', 'Northpine'],
      modifiers: [mod('Lightweight'), mod('Hooded', { hood: true })],
      attributes: [
        text('shell', [
          'recycled nylon ripstop',
          'waxed cotton',
          'wool-blend melton',
          '3-layer recycled polyester',
        ]),
        text('insulation', ['none', 'synthetic', '600-fill down', 'fleece lining']),
        range('weightGrams', 300, 1400, 10),
        flag('waterproof', 0.4, 'a waterproof, seam-sealed shell'),
        flag('packable', 0.3, 'a packable design that stows in its own pocket'),
        flag('hood', 0.5, 'an adjustable hood'),
      ],
      options: [
        scale('size', APPAREL_SIZES),
        choice('color', ['Black', 'Navy', 'Olive', 'Camel', 'Rust']),
      ],
      leads: [
        'A {shell} shell weighing {weightGrams} g, cut with room to layer underneath.',
        '{brand} built this around a {shell} shell for wind, weather and everyday wear.',
        'Tailored from {shell} with a clean, minimal silhouette that works in town or on the trail.',
      ],
      nouns: [
        {
          label: 'Rain Jacket',
          code: 'RJK',
          price: [89, 299],
          attributes: [
            text('shell', ['recycled nylon ripstop', '3-layer recycled polyester']),
            text('insulation', ['none']),
            range('weightGrams', 250, 500, 10),
            flag('waterproof', 1, 'a waterproof, seam-sealed shell'),
          ],
          modifiers: [
            mod('Packable', { packable: true }),
            mod('3-Layer', { shell: '3-layer recycled polyester' }),
            mod('Hooded', { hood: true }),
          ],
        },
        {
          label: 'Puffer Jacket',
          code: 'PUF',
          price: [129, 399],
          attributes: [
            text('shell', ['recycled nylon ripstop']),
            text('insulation', ['synthetic', '600-fill down']),
            range('weightGrams', 350, 900, 10),
          ],
          modifiers: [
            mod('Down', { insulation: '600-fill down' }),
            mod('Hooded', { hood: true }),
            mod('Lightweight'),
          ],
        },
        {
          label: 'Field Jacket',
          code: 'FJK',
          price: [149, 349],
          attributes: [text('shell', ['waxed cotton', 'cotton canvas'])],
          modifiers: [
            mod('Waxed', { shell: 'waxed cotton' }),
            mod('Quilted'),
            mod('Lined', { insulation: 'fleece lining' }),
          ],
        },
        {
          label: 'Wool Overcoat',
          code: 'OVC',
          price: [199, 499],
          attributes: [
            text('shell', ['wool-blend melton', 'recycled wool twill']),
            range('weightGrams', 1100, 1800, 10),
            flag('waterproof', 0),
            flag('packable', 0),
            flag('hood', 0),
          ],
          modifiers: [mod('Double-Breasted'), mod('Tailored'), mod('Longline')],
        },
        {
          label: 'Fleece Jacket',
          code: 'FLC',
          price: [59, 149],
          attributes: [
            text('shell', ['recycled polyester fleece', 'sherpa fleece']),
            text('insulation', ['none']),
            flag('waterproof', 0),
          ],
          modifiers: [mod('Sherpa', { shell: 'sherpa fleece' }), mod('Grid'), mod('Zip-Up')],
        },
      ],
    },
    {
      key: 'fashion-accessories',
      name: 'Bags & Accessories',
      brands: ['Cobble & Crane', 'Satchel & Sage', 'Wren Leatherworks', 'Marlow Row'],
      modifiers: [
        mod('Canvas', { material: 'organic cotton canvas' }),
        mod('Waxed Canvas', { material: 'waxed canvas' }),
        mod('Leather', { material: 'full-grain leather' }),
      ],
      attributes: [
        text('material', [
          'full-grain leather',
          'waxed canvas',
          'recycled nylon',
          'organic cotton canvas',
        ]),
        text('hardware', ['solid brass', 'antique brass', 'matte black steel']),
        flag('lifetimeWarranty', 0.5, 'a lifetime warranty on stitching and hardware'),
      ],
      options: [choice('color', LEATHER_COLORS)],
      leads: [
        'Crafted from {material} with {hardware} hardware, made to age beautifully with use.',
        '{brand} builds it from {material} and finishes it with {hardware} hardware and reinforced stitching.',
      ],
      nouns: [
        {
          label: 'Leather Belt',
          code: 'BLT',
          price: [39, 99],
          attributes: [text('material', ['full-grain leather', 'vegetable-tanned leather'])],
          modifiers: [mod('Dress'), mod('Casual'), mod('Reversible')],
          options: [
            scale('waist', ['30', '32', '34', '36', '38', '40']),
            choice('color', ['Brown', 'Black', 'Tan']),
          ],
        },
        { label: 'Tote Bag', code: 'TOT', price: [39, 149] },
        { label: 'Weekender Bag', code: 'WKD', price: [119, 349] },
        { label: 'Messenger Bag', code: 'MSG', price: [89, 249] },
        {
          label: 'Card Wallet',
          code: 'WAL',
          price: [29, 89],
          attributes: [
            text('material', ['full-grain leather', 'vegetable-tanned leather', 'recycled nylon']),
          ],
          modifiers: [
            mod('Slim'),
            mod('RFID-Blocking'),
            mod('Leather', { material: 'full-grain leather' }),
          ],
        },
      ],
    },
  ],
};

const sports: DepartmentSpec = {
  key: 'sports',
  name: 'Sports & Fitness',
  series: ['Pro', 'Elite', 'Club', 'Training', 'Studio', 'Competition'],
  seriesPlacement: 'afterBrand',
  closers: [
    'Tested by coaches and athletes before release.',
    'Backed by a no-hassle replacement guarantee.',
    'Ships free, with 30-day returns.',
  ],
  leaves: [
    {
      key: 'sports-yoga',
      name: 'Yoga & Pilates',
      brands: ['Lotusfield', 'Stillpoint', 'Flowform'],
      modifiers: [mod('Cork', { material: 'cork' }), mod('Travel')],
      attributes: [
        text('material', ['natural tree rubber', 'TPE foam', 'cork', 'recycled EVA foam']),
        range('weightGrams', 200, 2500, 50),
        flag('nonSlip', 0.8, 'a non-slip, moisture-wicking surface'),
        flag('latexFree', 0.5, 'latex-free construction'),
      ],
      options: [choice('color', ['Charcoal', 'Sage', 'Clay', 'Ocean Blue', 'Lavender'])],
      leads: [
        'Made from {material} and weighing {weightGrams} g, it supports a steady, grounded practice.',
        '{brand} shapes it from {material} to stay stable through every pose and transition.',
      ],
      nouns: [
        {
          label: 'Yoga Mat',
          code: 'MAT',
          price: [29, 129],
          attributes: [num('thicknessMm', [3, 4, 5, 6, 8]), range('weightGrams', 1200, 2500, 50)],
          modifiers: [
            mod('Cork', { material: 'cork' }),
            mod('Travel', { thicknessMm: 3 }),
            mod('Extra-Thick', { thicknessMm: 8 }),
            mod('Alignment'),
          ],
          leads: [
            '{thicknessMm} mm of {material} cushions knees and wrists while keeping a firm, stable feel.',
            '{brand} makes this mat from {material}, {thicknessMm} mm thick, with grip that holds in hot classes.',
          ],
        },
        {
          label: 'Yoga Block',
          code: 'BLK',
          price: [12, 34],
          attributes: [
            text('material', ['cork', 'recycled EVA foam']),
            range('weightGrams', 200, 700, 10),
          ],
          modifiers: [
            mod('Cork', { material: 'cork' }),
            mod('Foam', { material: 'recycled EVA foam' }),
          ],
        },
        {
          label: 'Yoga Strap',
          code: 'STR',
          price: [9, 24],
          attributes: [
            text('material', ['organic cotton webbing', 'recycled polyester webbing']),
            range('weightGrams', 80, 200, 10),
          ],
          modifiers: [mod('Cotton', { material: 'organic cotton webbing' }), mod('Loop')],
        },
        {
          label: 'Meditation Cushion',
          code: 'MED',
          price: [39, 99],
          attributes: [
            text('material', ['organic cotton with buckwheat fill', 'linen with kapok fill']),
            range('weightGrams', 1500, 2800, 50),
          ],
          modifiers: [mod('Zafu'), mod('Crescent'), mod('Travel')],
        },
        {
          label: 'Pilates Ring',
          code: 'PRG',
          price: [19, 49],
          attributes: [
            text('material', ['fiberglass with foam grips', 'steel with padded grips']),
            range('weightGrams', 300, 600, 10),
          ],
          modifiers: [mod('Dual-Grip'), mod('Studio-Grade')],
        },
      ],
    },
    {
      key: 'sports-strength',
      name: 'Strength Training',
      brands: ['Forgefit', 'Liftwright', 'Plateworks', 'Grindstone Athletics'],
      modifiers: [mod('Compact'), mod('Heavy-Duty')],
      attributes: [
        text('material', [
          'cast iron',
          'rubber-coated steel',
          'urethane-coated steel',
          'powder-coated steel',
        ]),
        num('warrantyYears', [2, 5, 10]),
        flag('lowNoise', 0.4, 'a low-noise rubber finish'),
        flag('textured', 0.5, 'a textured, chalk-friendly grip'),
      ],
      options: [choice('color', ['Black', 'Red', 'Gray'])],
      leads: [
        'Built from {material} for years of heavy use, with a {warrantyYears}-year warranty.',
        '{brand} makes it from {material}, finished to stay grippy even mid-set.',
        'Made from {material} and built for home gyms and garage setups alike.',
      ],
      nouns: [
        {
          label: 'Kettlebell',
          code: 'KTB',
          price: [29, 129],
          modifiers: [
            mod('Competition', { material: 'powder-coated steel' }),
            mod('Cast Iron', { material: 'cast iron' }),
            mod('Powder-Coated', { material: 'powder-coated steel' }),
          ],
          options: [scale('weight', ['8 kg', '12 kg', '16 kg', '20 kg', '24 kg', '32 kg'])],
        },
        {
          label: 'Adjustable Dumbbell',
          code: 'ADB',
          price: [149, 499],
          modifiers: [mod('Quick-Select'), mod('Dial'), mod('Compact')],
          options: [scale('maxWeight', ['25 lb', '52.5 lb', '90 lb'])],
        },
        {
          label: 'Resistance Band Set',
          code: 'RBS',
          price: [19, 69],
          attributes: [text('material', ['natural latex', 'fabric-wrapped latex', 'TPE'])],
          modifiers: [
            mod('Loop'),
            mod('Tube'),
            mod('Fabric', { material: 'fabric-wrapped latex' }),
          ],
          options: [scale('resistance', ['Light', 'Medium', 'Heavy', 'Extra Heavy'])],
        },
        {
          label: 'Weight Bench',
          code: 'BNC',
          price: [99, 399],
          attributes: [
            text('material', ['powder-coated steel']),
            num('maxLoadLbs', [600, 800, 1000]),
          ],
          modifiers: [mod('Adjustable'), mod('Flat'), mod('Foldable')],
          leads: [
            'A {material} frame rated to {maxLoadLbs} lb, with dense padding that stays put under load.',
          ],
        },
        {
          label: 'Pull-Up Bar',
          code: 'PUB',
          price: [29, 99],
          attributes: [text('material', ['powder-coated steel', 'chrome-plated steel'])],
          modifiers: [mod('Doorway'), mod('Wall-Mounted'), mod('Multi-Grip')],
          options: [choice('color', ['Black', 'Silver'])],
        },
      ],
    },
    {
      key: 'sports-cycling',
      name: 'Cycling',
      brands: ['Spokewise', 'Velocraft', 'Cadenza Cycle'],
      modifiers: [mod('Commuter'), mod('Road'), mod('Waterproof')],
      attributes: [
        text('material', ['recycled nylon', 'TPU-coated nylon', 'aluminium']),
        range('weightGrams', 50, 400, 5),
        flag('reflective', 0.6, 'reflective accents for low-light visibility'),
      ],
      options: [choice('color', ['Black', 'White', 'Hi-Vis Yellow', 'Red'])],
      leads: [
        'Made from {material} and weighing just {weightGrams} g, it is built for daily rides in any weather.',
        '{brand} engineered it in {material} for everyday commuting and long weekend rides.',
      ],
      nouns: [
        {
          label: 'Bike Helmet',
          code: 'HLM',
          price: [49, 249],
          attributes: [
            text('material', ['in-mold polycarbonate and EPS foam']),
            range('weightGrams', 230, 380, 5),
            num('vents', [12, 16, 20]),
          ],
          modifiers: [mod('Road'), mod('Commuter'), mod('Aero'), mod('Mountain')],
          options: [
            scale('size', ['S', 'M', 'L']),
            choice('color', ['Black', 'White', 'Hi-Vis Yellow', 'Red']),
          ],
          leads: [
            '{vents} vents and {material} construction keep it light ({weightGrams} g) and cool on long climbs.',
            '{brand} builds it from {material} with {vents} vents and a dial-fit cradle.',
          ],
        },
        {
          label: 'Bike Light Set',
          code: 'LGT',
          price: [24, 99],
          attributes: [
            text('material', ['aluminium', 'polycarbonate']),
            num('lumens', [400, 800, 1200]),
            range('weightGrams', 60, 220, 5),
          ],
          modifiers: [
            mod('USB-C Rechargeable'),
            mod('800-Lumen', { lumens: 800 }),
            mod('Commuter'),
          ],
          options: [choice('finish', ['Black', 'Silver'])],
          leads: [
            'A {lumens}-lumen front light and a bright rear light in {material} housings, together just {weightGrams} g.',
          ],
        },
        {
          label: 'Cycling Gloves',
          code: 'GLV',
          price: [19, 59],
          attributes: [text('material', ['synthetic leather and mesh', 'merino-lined softshell'])],
          modifiers: [
            mod('Gel-Padded'),
            mod('Full-Finger'),
            mod('Winter', { material: 'merino-lined softshell' }),
          ],
          leads: [
            '{brand} cuts these from {material} with padded palms for comfort on long rides.',
            'Made from {material}, these keep hands comfortable and in control from the first mile to the last.',
          ],
          options: [
            scale('size', APPAREL_SIZES.slice(1, 5)),
            choice('color', ['Black', 'Hi-Vis Yellow', 'Red']),
          ],
        },
        {
          label: 'Saddle Bag',
          code: 'SDB',
          price: [19, 69],
          attributes: [text('material', ['recycled nylon', 'TPU-coated nylon'])],
          modifiers: [
            mod('Waterproof', { material: 'TPU-coated nylon' }),
            mod('Compact'),
            mod('Expandable'),
          ],
        },
        {
          label: 'U-Lock',
          code: 'ULK',
          price: [29, 119],
          attributes: [
            text('material', ['hardened steel', 'boron steel']),
            range('weightGrams', 900, 1800, 10),
          ],
          modifiers: [mod('Compact'), mod('Heavy-Duty'), mod('Commuter')],
          options: [choice('color', ['Black', 'Hi-Vis Yellow'])],
        },
      ],
    },
  ],
};

const office: DepartmentSpec = {
  key: 'office',
  name: 'Office & Stationery',
  series: ['Classic', 'Studio', 'Atelier', 'Signature', 'Archive', 'Field'],
  seriesPlacement: 'afterBrand',
  closers: [
    'Designed in a small studio and made to last.',
    'Packaged without plastic.',
    'Makes a thoughtful gift for writers and planners.',
  ],
  leaves: [
    {
      key: 'office-notebooks',
      name: 'Notebooks & Planners',
      brands: ['Papermoth', 'Quirewood', 'Inkwell & Oak'],
      modifiers: [mod('A5'), mod('B5'), mod('Pocket')],
      attributes: [
        num('paperGsm', [80, 90, 100, 120]),
        num('pages', [96, 128, 160, 192, 240]),
        text('binding', ['lay-flat sewn', 'wire-o', 'Smyth-sewn']),
        text('cover', ['linen hardcover', 'recycled kraft softcover', 'vegan leather hardcover']),
        flag('fountainPenFriendly', 0.6, 'fountain-pen-friendly paper with no bleed-through'),
        flag('numberedPages', 0.5, 'numbered pages and an index'),
      ],
      options: [choice('color', ['Black', 'Forest', 'Terracotta', 'Navy', 'Mustard'])],
      leads: [
        '{pages} pages of {paperGsm} gsm paper in a {binding} binding that opens flat on any desk.',
        'Bound in a {cover} with {pages} pages of smooth {paperGsm} gsm paper.',
        '{brand} fills a {cover} with {pages} pages of {paperGsm} gsm paper.',
      ],
      nouns: [
        { label: 'Dotted Notebook', code: 'NBK', price: [12, 34] },
        { label: 'Grid Notebook', code: 'GRD', price: [12, 34] },
        { label: 'Lined Journal', code: 'JRN', price: [14, 39] },
        {
          label: 'Weekly Planner',
          code: 'PLN',
          price: [18, 42],
          modifiers: [mod('Undated'), mod('Academic'), mod('A5')],
        },
        {
          label: 'Sketchbook',
          code: 'SKB',
          price: [14, 39],
          attributes: [num('paperGsm', [120, 150, 200])],
          modifiers: [mod('A4'), mod('Square'), mod('Mixed Media')],
        },
      ],
    },
    {
      key: 'office-writing',
      name: 'Pens & Pencils',
      brands: ['Nibsworth', 'Inkline', 'Graphite & Co.'],
      modifiers: [mod('Slim'), mod('Weighted')],
      attributes: [
        text('barrel', ['brushed aluminium', 'resin', 'brass', 'walnut']),
        num('tipMm', [0.38, 0.5, 0.7]),
        flag('refillable', 0.7, 'a refillable design'),
        flag('giftBox', 0.3, 'a presentation gift box'),
      ],
      options: [choice('color', ['Black', 'Navy', 'Burgundy', 'Forest Green'])],
      leads: [
        'A {barrel} barrel with balanced weight for long writing sessions.',
        '{brand} finishes the barrel in {barrel} and tunes the {tipMm} mm tip for smooth, skip-free lines.',
      ],
      nouns: [
        {
          label: 'Fountain Pen',
          code: 'FPN',
          price: [29, 189],
          attributes: [text('nib', ['EF', 'F', 'M', 'B']), num('tipMm', [0.5])],
          modifiers: [
            mod('Fine Nib', { nib: 'F' }),
            mod('Pocket'),
            mod('Demonstrator', { barrel: 'clear resin' }),
          ],
          leads: [
            'A {barrel} barrel and a steel {nib} nib that lays down a smooth, consistent line.',
            '{brand} pairs a {barrel} barrel with a hand-tuned {nib} nib and a converter for bottled ink.',
          ],
        },
        {
          label: 'Gel Pen Set',
          code: 'GEL',
          price: [9, 29],
          attributes: [text('barrel', ['recycled plastic', 'matte resin'])],
          modifiers: [mod('Retractable'), mod('Pastel'), mod('Archival')],
          options: [choice('inkColors', ['Black', 'Blue', 'Assorted'])],
        },
        {
          label: 'Mechanical Pencil',
          code: 'MPC',
          price: [8, 59],
          attributes: [num('tipMm', [0.3, 0.5, 0.7, 0.9])],
          modifiers: [
            mod('Drafting'),
            mod('0.5 mm', { tipMm: 0.5 }),
            mod('0.7 mm', { tipMm: 0.7 }),
          ],
        },
        {
          label: 'Rollerball Pen',
          code: 'RLB',
          price: [19, 99],
          modifiers: [mod('Weighted'), mod('Slim'), mod('Executive')],
        },
      ],
    },
    {
      key: 'office-desk',
      name: 'Desk Accessories',
      brands: ['Deskwright', 'Lamplight Studio', 'Tidyform'],
      modifiers: [mod('Modular'), mod('Minimalist')],
      attributes: [
        text('material', ['solid walnut', 'bamboo', 'powder-coated steel', 'merino wool felt']),
        range('weightGrams', 300, 2500, 50),
        flag('cableManagement', 0.4, 'built-in cable management'),
      ],
      options: [choice('color', ['Black', 'White', 'Walnut', 'Natural'])],
      leads: [
        'Made from {material}, it brings order to a busy desk without taking over the space.',
        '{brand} crafts it in {material} with clean lines that suit any workspace.',
      ],
      nouns: [
        {
          label: 'LED Desk Lamp',
          code: 'LMP',
          price: [39, 189],
          attributes: [
            text('material', ['anodized aluminium', 'powder-coated steel']),
            flag(
              'adjustableColorTemperature',
              0.6,
              'adjustable color temperature from warm to daylight',
            ),
            flag('usbCharging', 0.5, 'a built-in USB-C charging port'),
          ],
          modifiers: [mod('Dimmable'), mod('Architect'), mod('Clamp-On')],
          leads: [
            '{brand} builds the arm from {material} and pairs it with a flicker-free, glare-free LED head.',
            'A flicker-free LED lamp in {material} that lights the whole desk evenly without glare.',
          ],
        },
        {
          label: 'Monitor Riser',
          code: 'RSR',
          price: [29, 119],
          attributes: [text('material', ['solid walnut', 'bamboo', 'powder-coated steel'])],
          modifiers: [
            mod('Bamboo', { material: 'bamboo' }),
            mod('Walnut', { material: 'solid walnut' }),
            mod('Two-Tier'),
          ],
        },
        {
          label: 'Desk Organizer',
          code: 'ORG',
          price: [19, 69],
          modifiers: [
            mod('Modular'),
            mod('Felt', { material: 'merino wool felt' }),
            mod('Walnut', { material: 'solid walnut' }),
          ],
        },
        {
          label: 'Desk Mat',
          code: 'DMT',
          price: [19, 69],
          attributes: [text('material', ['merino wool felt', 'vegan leather', 'cork'])],
          modifiers: [
            mod('Felt', { material: 'merino wool felt' }),
            mod('Vegan Leather', { material: 'vegan leather' }),
            mod('Extended'),
          ],
          options: [choice('color', ['Charcoal', 'Oatmeal', 'Black', 'Natural'])],
        },
        {
          label: 'Cable Tray',
          code: 'CBL',
          price: [19, 59],
          attributes: [text('material', ['powder-coated steel']), flag('cableManagement', 1, null)],
          modifiers: [mod('Under-Desk'), mod('Clamp-On')],
          options: [choice('color', ['Black', 'White'])],
        },
      ],
    },
  ],
};

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  electronics,
  home,
  outdoors,
  fashion,
  sports,
  office,
];
