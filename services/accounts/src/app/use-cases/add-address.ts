import { newId } from '@emporium/kit';
import {
  MAX_ADDRESSES_PER_USER,
  normalizeAddressFields,
  type Address,
  type AddressFields,
} from '../../domain/address.ts';
import { AccountsErrors } from '../../domain/errors.ts';
import type { AccountsDeps } from '../deps.ts';

export async function addAddress(
  deps: AccountsDeps,
  userId: string,
  fields: AddressFields,
): Promise<Address> {
  const now = deps.clock.now();
  const at = new Date(now).toISOString();
  const address: Address = {
    ...normalizeAddressFields(fields),
    id: newId('adr', now),
    userId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await deps.addresses.insert(address, MAX_ADDRESSES_PER_USER))) {
    throw AccountsErrors.ADDRESS_LIMIT_REACHED.create(
      `An account keeps at most ${MAX_ADDRESSES_PER_USER} addresses; delete one first`,
      { details: { limit: MAX_ADDRESSES_PER_USER } },
    );
  }
  return withoutEmptyOptionals(address);
}

/** The stored shape: optional fields left empty are absent, as the store returns them. */
function withoutEmptyOptionals(address: Address): Address {
  return Object.fromEntries(
    Object.entries(address).filter(([, value]) => value !== undefined),
  ) as Address;
}
