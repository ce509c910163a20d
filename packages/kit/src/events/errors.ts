import { defineErrors } from '../errors.ts';

export const BusErrors = defineErrors('BUS', {
  DEAD_LETTER_NOT_FOUND: { kind: 'not_found', title: 'No such dead letter' },
  ALREADY_REDRIVEN: { kind: 'conflict', title: 'The dead letter was already redriven' },
  CONSUMER_NOT_RUNNING: {
    kind: 'conflict',
    title: 'The consumer of this dead letter is not running',
  },
  BUS_CLOSED: { kind: 'unavailable', title: 'The event bus is closed' },
});
