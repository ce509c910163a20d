import type { Address } from '../../domain/address.ts';

export interface AddressStore {
  /** The user's addresses, oldest first. */
  listByUser(userId: string): Promise<Address[]>;
  /** Only the owner's: another user's id answers undefined, as an unknown one does. */
  find(userId: string, id: string): Promise<Address | undefined>;
  /** Stores the address unless its owner already has `limit`; false when the book is full. */
  insert(address: Address, limit: number): Promise<boolean>;
  /** Replaces the stored address when its version is still `expectedVersion`; false otherwise. */
  update(address: Address, expectedVersion: number): Promise<boolean>;
  /** Deletes when owned (and at `expectedVersion` when given); false when nothing was deleted. */
  remove(userId: string, id: string, expectedVersion?: number): Promise<boolean>;
}
