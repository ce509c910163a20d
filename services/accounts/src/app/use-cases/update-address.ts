import { applyAddressPatch, type Address, type AddressPatch } from '../../domain/address.ts';
import type { AccountsDeps } from '../deps.ts';
import { addressChanged, getAddress } from './read-addresses.ts';

/**
 * Applies a partial update. With `expectedVersion` (If-Match) a stale version is 412;
 * without it the update still applies to the version just read, so a concurrent write is
 * never silently overwritten either.
 */
export async function updateAddress(
  deps: AccountsDeps,
  userId: string,
  id: string,
  patch: AddressPatch,
  expectedVersion?: number,
): Promise<Address> {
  const current = await getAddress(deps, userId, id);
  const version = expectedVersion ?? current.version;
  if (current.version !== version) throw addressChanged(id, version);
  const next: Address = {
    ...applyAddressPatch(current, patch),
    id,
    userId,
    version: version + 1,
    createdAt: current.createdAt,
    updatedAt: new Date(deps.clock.now()).toISOString(),
  };
  if (!(await deps.addresses.update(next, version))) throw addressChanged(id, version);
  return (await deps.addresses.find(userId, id)) ?? next;
}
