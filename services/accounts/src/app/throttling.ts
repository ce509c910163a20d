import type { AppError } from '@emporium/kit';
import type {
  AttemptLimit,
  AttemptThrottle,
  GrantedReservation,
} from './ports/attempt-throttle.ts';

export interface AttemptLimits {
  loginFailuresPerAccount: number;
  loginFailuresPerAddress: number;
  loginWindowMs: number;
  registrationsPerAddress: number;
  registrationWindowMs: number;
}

/**
 * Per account *and* address, so bad guesses from one address cannot lock the owner out
 * from another; per address across accounts, so one address cannot spray every account.
 */
export function loginLimits(limits: AttemptLimits, email: string, ip: string): AttemptLimit[] {
  return [
    {
      key: loginAccountKey(email, ip),
      max: limits.loginFailuresPerAccount,
      windowMs: limits.loginWindowMs,
    },
    {
      key: `login-address|${ip}`,
      max: limits.loginFailuresPerAddress,
      windowMs: limits.loginWindowMs,
    },
  ];
}

export function loginAccountKey(email: string, ip: string): string {
  return `login-account|${ip}|${email}`;
}

export function registrationLimits(limits: AttemptLimits, ip: string): AttemptLimit[] {
  return [
    {
      key: `register-address|${ip}`,
      max: limits.registrationsPerAddress,
      windowMs: limits.registrationWindowMs,
    },
  ];
}

type RefusalError = (retryAfterSeconds: number) => AppError;

/** Takes a slot in every limit or throws the refusal, carrying when to retry. */
export async function reserveOrRefuse(
  throttle: AttemptThrottle,
  limits: AttemptLimit[],
  refusal: RefusalError,
): Promise<GrantedReservation> {
  const reservation = await throttle.reserve(limits);
  if (reservation.granted) return reservation;
  throw refusal(Math.max(1, Math.ceil(reservation.retryAfterMs / 1000)));
}
