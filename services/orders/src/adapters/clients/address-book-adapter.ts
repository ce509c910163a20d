import type { AccountsClient } from '@emporium/contracts';
import type { AddressBookPort } from '../../app/ports/address-book-port.ts';

/**
 * The address book over the contracts' AccountsClient: its internal address route, with the
 * ServiceClient's service token for audience `accounts` (never the customer's token). Only
 * the postal fields are kept: the order stores a copy, so a later edit of the book does not
 * change where a placed order goes.
 */
export function addressBookAdapter(client: AccountsClient): AddressBookPort {
  return {
    async find(userId, addressId) {
      const address = await client.getAddress(userId, addressId);
      if (!address || address.userId !== userId) return undefined;
      const { name, line1, line2, city, region, postalCode, country, phone } = address;
      return {
        name,
        line1,
        ...(line2 !== undefined ? { line2 } : {}),
        city,
        ...(region !== undefined ? { region } : {}),
        postalCode,
        country,
        ...(phone !== undefined ? { phone } : {}),
      };
    },
  };
}
