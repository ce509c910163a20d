import { defineErrors } from '@emporium/kit';

/** Refusals the gateway makes itself (the services' own errors pass through with their codes). */
export const GatewayErrors = defineErrors('GATEWAY', {
  CROSS_ORIGIN_REFUSED: {
    kind: 'forbidden',
    title: 'Session requests are accepted only from the storefront’s own origin',
  },
  CSRF_HEADER_REQUIRED: {
    kind: 'forbidden',
    title: 'Session requests must carry the X-Emporium-CSRF header',
  },
  NO_SESSION: { kind: 'unauthenticated', title: 'There is no browser session to use' },
});
