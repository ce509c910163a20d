import type { Address } from '../../domain/address.ts';
import { AccountsErrors } from '../../domain/errors.ts';
import type { AccountsDeps } from '../deps.ts';

export async function listAddresses(deps: AccountsDeps, userId: string): Promise<Address[]> {
  return deps.addresses.listByUser(userId);
}

/** Another user's address is "not found", exactly like an unknown id: its existence stays private. */
export async function getAddress(deps: AccountsDeps, userId: string, id: string): Promise<Address> {
  const address = await deps.addresses.find(userId, id);
  if (!address) throw addressNotFound(id);
  return address;
}

export function addressNotFound(id: string) {
  return AccountsErrors.ADDRESS_NOT_FOUND.create(`No address ${id}`);
}

export function addressChanged(id: string, expectedVersion: number) {
  return AccountsErrors.VERSION_MISMATCH.create(
    `Address ${id} is no longer at version ${expectedVersion}; read it again`,
  );
}
