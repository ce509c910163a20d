/**
 * The rules of a postal address in the storefront (ADR 0039): the fields of the accounts
 * address schema, checked in the form the way the accounts service checks them, so a
 * shopper learns what is wrong before anything is sent.
 */

export const ADDRESS_FIELDS = [
  { key: 'name', label: 'Full name', required: true, max: 100, autocomplete: 'name' },
  { key: 'line1', label: 'Address', required: true, max: 200, autocomplete: 'address-line1' },
  {
    key: 'line2',
    label: 'Apartment, suite (optional)',
    required: false,
    max: 200,
    autocomplete: 'address-line2',
  },
  { key: 'city', label: 'City', required: true, max: 100, autocomplete: 'address-level2' },
  {
    key: 'region',
    label: 'State or region (optional)',
    required: false,
    max: 100,
    autocomplete: 'address-level1',
  },
  { key: 'postalCode', label: 'Postal code', required: true, max: 20, autocomplete: 'postal-code' },
  {
    key: 'country',
    label: 'Country code (e.g. US)',
    required: true,
    max: 2,
    autocomplete: 'country',
  },
  { key: 'phone', label: 'Phone (optional)', required: false, max: 40, autocomplete: 'tel' },
];

/**
 * The assigned ISO 3166-1 alpha-2 codes, as accounts accepts them
 * (services/accounts/src/domain/countries.ts; a unit test keeps the two lists equal).
 */
export const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
    'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
    'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
    'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
    'LA LB LC LI LK LR LS LT LU LV LY ' +
    'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
    'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA ' +
    'RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
    'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ ' +
    'VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** The kit's Text rule: no control characters, no bidirectional overrides (Trojan Source). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** The accounts phone pattern: digits, spaces and ( ) . / - with an optional leading +. */
const PHONE = /^\+?[0-9][0-9 ()./-]{2,31}$/;

/** A new address from the form's values: trimmed, empty optional fields left out, country upper-cased. */
export function addressFromForm(values) {
  const address = {};
  for (const field of ADDRESS_FIELDS) {
    const value = String(values[field.key] ?? '').trim();
    if (value) address[field.key] = field.key === 'country' ? value.toUpperCase() : value;
  }
  return address;
}

/** `{ field: message }` for what is missing or wrong; empty when the address can be sent. */
export function validateAddress(address) {
  const errors = {};
  for (const field of ADDRESS_FIELDS) {
    const value = address[field.key] ?? '';
    if (field.required && !value)
      errors[field.key] = `Enter the ${field.label.toLowerCase().replace(/ \(.*\)$/, '')}.`;
    else if (value.length > field.max) errors[field.key] = `Use at most ${field.max} characters.`;
    else if (FORBIDDEN.test(value))
      errors[field.key] = 'Remove the control or direction-changing characters.';
  }
  if (address.country && !errors.country) {
    if (!/^[A-Z]{2}$/.test(address.country))
      errors.country = 'Enter the two-letter country code, like US or DE.';
    else if (!COUNTRY_CODES.has(address.country))
      errors.country = `${address.country} is not a country code we know. Use one like US or DE.`;
  }
  if (address.phone && !errors.phone && !PHONE.test(address.phone))
    errors.phone = 'Use digits, spaces and ( ) . / - only, with an optional leading +.';
  return errors;
}

/**
 * The PATCH body that turns `before` into `after` (both from addressFromForm or the API):
 * only the fields that changed; an optional field emptied is sent as null, which clears it.
 */
export function addressPatch(before, after) {
  const patch = {};
  for (const field of ADDRESS_FIELDS) {
    const was = before?.[field.key] ?? '';
    const now = after[field.key] ?? '';
    if (was === now) continue;
    patch[field.key] = now === '' ? null : now;
  }
  return patch;
}

/**
 * The form fields a refusal names (`errors: [{ field: "body.phone", message }]` in the
 * problem+json), as `{ phone: "is invalid" }`; fields the form does not have are left out.
 */
export function fieldErrorsOf(error) {
  const errors = {};
  for (const item of Array.isArray(error?.fields) ? error.fields : []) {
    const key = String(item?.field ?? '').replace(/^body\./, '');
    if (ADDRESS_FIELDS.some((field) => field.key === key))
      errors[key] =
        `This ${key === 'postalCode' ? 'postal code' : key} ${item.message ?? 'is invalid'}.`;
  }
  return errors;
}

/** One line of an address for lists: "Ada Lovelace, 1 Main St, Springfield 12345, US". */
export function addressSummary(address) {
  if (!address) return '';
  const city = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, city, address.country]
    .filter(Boolean)
    .join(', ');
}
