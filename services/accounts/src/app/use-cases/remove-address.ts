import type { AccountsDeps } from '../deps.ts';
import { addressChanged, getAddress } from './read-addresses.ts';

export async function removeAddress(
  deps: AccountsDeps,
  userId: string,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const current = await getAddress(deps, userId, id);
  if (expectedVersion !== undefined && current.version !== expectedVersion)
    throw addressChanged(id, expectedVersion);
  if (!(await deps.addresses.remove(userId, id, expectedVersion ?? current.version)))
    throw addressChanged(id, expectedVersion ?? current.version);
}
