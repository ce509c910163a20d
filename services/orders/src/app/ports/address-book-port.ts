import type { Address } from '../../domain/order.ts';

/** The customers' address books, as checkout reads them (accounts owns them). */
export interface AddressBookPort {
  /** The user's address with that id; undefined when it is unknown or another user's. */
  find(userId: string, addressId: string): Promise<Address | undefined>;
}
