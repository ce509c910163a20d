import { isCountryCode } from './countries.ts';
import { AccountsErrors } from './errors.ts';

/** A postal address in a user's address book. */
export interface Address {
  id: string;
  userId: string;
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: string;
  phone?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a user writes; the rest are the service's. */
export type AddressFields = Pick<
  Address,
  'name' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country' | 'phone'
>;

/** Optional fields a PATCH may clear by sending null. */
export type AddressPatch = Partial<Omit<AddressFields, 'line2' | 'region' | 'phone'>> & {
  line2?: string | null;
  region?: string | null;
  phone?: string | null;
};

/** Enough for home, work and a few relatives; a bound so one account cannot fill the table. */
export const MAX_ADDRESSES_PER_USER = 20;

/** Trims every field and drops optional ones left empty, so "  " never becomes a line2. */
export function normalizeAddressFields(fields: AddressFields): AddressFields {
  const optional = (value: string | undefined) => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
  };
  return {
    name: fields.name.trim(),
    line1: fields.line1.trim(),
    line2: optional(fields.line2),
    city: fields.city.trim(),
    region: optional(fields.region),
    postalCode: fields.postalCode.trim(),
    country: countryCode(fields.country),
    phone: optional(fields.phone),
  };
}

/** The address after a PATCH: present keys replace, null clears an optional field. */
export function applyAddressPatch(address: Address, patch: AddressPatch): AddressFields {
  const merged: Record<string, unknown> = { ...address };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = value ?? undefined;
  }
  // Only optional fields accept null (the HTTP schema says so), so required ones stay set.
  return normalizeAddressFields(merged as unknown as AddressFields);
}

/** The upper-cased code when it is an assigned ISO 3166-1 alpha-2 code ("de" → "DE"). */
export function countryCode(input: string): string {
  const code = input.trim().toUpperCase();
  if (!isCountryCode(code)) {
    throw AccountsErrors.INVALID_COUNTRY.create(
      `"${input}" is not an ISO 3166-1 alpha-2 country code`,
      { errors: [{ field: 'body.country', message: 'must be an ISO 3166-1 alpha-2 code' }] },
    );
  }
  return code;
}
