import { createEvent, defineErrors, type CloudEvent } from '@emporium/kit';
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

export const ContractErrors = defineErrors('CONTRACTS', {
  INVALID_EVENT: {
    kind: 'unprocessable',
    title: 'The event does not match its published contract',
  },
  // A producer that maps its entity wrongly has a bug: a masked 500, logged with its stack.
  EVENT_NOT_BUILT: {
    kind: 'internal',
    title: 'An event could not be built to its published contract',
  },
});

/** An event as its contract describes it: the type is a literal, the data is typed. */
export type ContractEvent<Type extends string, Data> = CloudEvent<Data> & {
  type: Type;
  dataschema: string;
};

export interface NewContractEvent<Data> {
  source: string;
  subject: string;
  data: Data;
  time?: number;
  partitionKey?: string;
}

/**
 * One published event: its CloudEvents `type`, the topic it travels on, the version of
 * its `data` schema (carried in the envelope's `dataschema`), and the schema itself.
 * Adding an optional field keeps the version; removing, renaming or changing the meaning
 * of one is a new version, defined next to the old one until every consumer has moved.
 */
export interface EventContract<Type extends string = string, Schema extends TSchema = TSchema> {
  readonly type: Type;
  readonly topic: string;
  readonly version: number;
  /** `urn:emporium:event:<type>:v<version>`, the CloudEvents `dataschema` attribute. */
  readonly dataschema: string;
  readonly schema: Schema;
  /** Builds the envelope; data that breaks the contract is a producer bug and throws. */
  create(event: NewContractEvent<Static<Schema>>): ContractEvent<Type, Static<Schema>>;
  /** True when the event is of this type (whatever its data). */
  matches(event: CloudEvent): boolean;
  /** Checks a received event against the contract; throws CONTRACTS.INVALID_EVENT if it breaks it. */
  decode(event: CloudEvent): ContractEvent<Type, Static<Schema>>;
  /** Why `data` breaks the contract, one line per problem (empty when it keeps it). */
  problems(data: unknown): string[];
}

export function dataschemaOf(type: string, version: number): string {
  return `urn:emporium:event:${type}:v${version}`;
}

export function defineEvent<const Type extends string, Schema extends TSchema>(definition: {
  type: Type;
  version: number;
  schema: Schema;
}): EventContract<Type, Schema> {
  const { type, version, schema } = definition;
  const segments = type.split('.');
  if (segments.length !== 3 || segments.some((segment) => !/^[a-z][a-z-]*$/.test(segment)))
    throw new Error(`Event type ${type} is not <service>.<aggregate>.<fact>`);
  if (!Number.isInteger(version) || version < 1)
    throw new Error(`Event ${type} needs a positive integer version`);
  const validator = Compile(schema);
  const dataschema = dataschemaOf(type, version);
  const problems = (data: unknown): string[] =>
    validator.Check(data)
      ? []
      : validator.Errors(data).map((error) => `${error.instancePath || '/'} ${error.message}`);
  const invalid = (event: CloudEvent, why: string[], error = ContractErrors.INVALID_EVENT) =>
    error.create(`${type} v${version} event ${event.id}: ${why.slice(0, 5).join('; ')}`, {
      details: { type, version, id: event.id, problems: why },
    });

  return {
    type,
    topic: segments.slice(0, 2).join('.'),
    version,
    dataschema,
    schema,
    create(event) {
      const found = problems(event.data);
      const envelope = { ...createEvent({ ...event, type }), type, dataschema };
      if (found.length > 0) throw invalid(envelope, found, ContractErrors.EVENT_NOT_BUILT);
      return envelope;
    },
    matches: (event) => event.type === type,
    decode(event) {
      if (event.type !== type) throw invalid(event, [`type is ${event.type}, not ${type}`]);
      const declared = (event as { dataschema?: unknown }).dataschema;
      // Events written before contracts carried no dataschema: they are checked as this version.
      if (declared !== undefined && declared !== dataschema)
        throw invalid(event, [`dataschema is ${String(declared)}, not ${dataschema}`]);
      const found = problems(event.data);
      if (found.length > 0) throw invalid(event, found);
      return { ...event, type, dataschema } as ContractEvent<Type, Static<Schema>>;
    },
    problems,
  };
}

type Decoded<Contracts extends readonly EventContract[]> = {
  [K in keyof Contracts]: Contracts[K] extends EventContract<infer Type, infer Schema>
    ? ContractEvent<Type, Static<Schema>>
    : never;
}[number];

/**
 * A consumer's decoder over the contracts it handles: an event of one of their types is
 * checked (and throws CONTRACTS.INVALID_EVENT, so the bus dead-letters it with the
 * reason), an event of any other type gives undefined (new types on a topic are skipped).
 */
export function eventDecoder<const Contracts extends readonly EventContract[]>(
  contracts: Contracts,
): (event: CloudEvent) => Decoded<Contracts> | undefined {
  const byType = new Map<string, EventContract[]>();
  for (const contract of contracts)
    byType.set(contract.type, [...(byType.get(contract.type) ?? []), contract]);
  return (event) => {
    const candidates = byType.get(event.type);
    if (!candidates) return undefined;
    const declared = (event as { dataschema?: unknown }).dataschema;
    const contract =
      candidates.find((candidate) => candidate.dataschema === declared) ?? candidates[0]!;
    return contract.decode(event) as Decoded<Contracts>;
  };
}
