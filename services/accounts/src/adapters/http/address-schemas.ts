import { Text } from '@emporium/kit';
import { Type } from 'typebox';

const Name = Text({ minLength: 1, maxLength: 100, description: 'Who receives the parcel' });
const Line = Text({ minLength: 1, maxLength: 200 });
const OptionalLine = Text({ maxLength: 200 });
const City = Text({ minLength: 1, maxLength: 100 });
const Region = Text({ maxLength: 100, description: 'State, province or county' });
const PostalCode = Text({ minLength: 1, maxLength: 20 });
const Country = Type.String({
  pattern: '^[A-Za-z]{2}$',
  description: 'ISO 3166-1 alpha-2 (stored upper-case)',
});
const Phone = Type.String({
  pattern: '^\\+?[0-9][0-9 ()./-]{2,31}$',
  description: 'Digits, spaces and ( ) . / - ; an optional leading +',
});
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const AddressBody = Type.Object(
  {
    name: Name,
    line1: Line,
    line2: Type.Optional(OptionalLine),
    city: City,
    region: Type.Optional(Region),
    postalCode: PostalCode,
    country: Country,
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);

/** Any subset of the fields; `null` clears an optional one. */
export const AddressPatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    line1: Type.Optional(Line),
    line2: Type.Optional(nullable(OptionalLine)),
    city: Type.Optional(City),
    region: Type.Optional(nullable(Region)),
    postalCode: Type.Optional(PostalCode),
    country: Type.Optional(Country),
    phone: Type.Optional(nullable(Phone)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AddressSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  line1: Type.String(),
  line2: Type.Optional(Type.String()),
  city: Type.String(),
  region: Type.Optional(Type.String()),
  postalCode: Type.String(),
  country: Type.String(),
  phone: Type.Optional(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const AddressListSchema = Type.Object({
  items: Type.Array(AddressSchema),
  nextCursor: Type.Null({ description: 'Always null: an address book fits one page' }),
});

export const AddressParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
