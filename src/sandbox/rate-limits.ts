import { createWindowLimiter, type Admission, type WindowLimiter } from './window-limiter';

export interface FamilyLimits {
  perMinute: number;
  perHour: number;
}

/**
 * MDE's published limits per API (reference §6). MDE counts them per tenant per API, so one
 * limiter per family is shared by every caller of the sandbox.
 */
export const MDE_FAMILY_LIMITS: Readonly<Record<string, FamilyLimits>> = Object.freeze({
  files: { perMinute: 100, perHour: 1500 },
  alerts: { perMinute: 100, perHour: 1500 },
  machines: { perMinute: 100, perHour: 1500 },
  machineactions: { perMinute: 100, perHour: 1500 },
  indicators: { perMinute: 100, perHour: 1500 },
  hunting: { perMinute: 45, perHour: 1500 },
  // Microsoft Graph runHuntingQuery: "at least 45 calls per minute"; no hourly limit is published.
  'graph-hunting': { perMinute: 45, perHour: 2700 },
  // The import page gives only a per-minute limit; the hourly default of the other APIs is assumed.
  'indicators-import': { perMinute: 30, perHour: 1500 },
  // BatchDelete (§4b): 30/min and 1,500/h, counted apart from import (per API, as the docs give it).
  'indicators-batch-delete': { perMinute: 30, perHour: 1500 },
  // get-package-sas-uri: "2 calls per minute and 120 calls per hour".
  'machineactions-package': { perMinute: 2, perHour: 120 },
});

const FALLBACK: FamilyLimits = { perMinute: 100, perHour: 1500 };
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface FamilyLimitersOptions {
  /** Replaces both numbers for every family (tests use tiny limits). */
  override?: Partial<FamilyLimits>;
  /** Per family, on top of `override`. */
  families?: Readonly<Record<string, Partial<FamilyLimits>>>;
  /** Window length multiplier; 0.01 makes a minute 600 ms. */
  timeScale: number;
  now: () => number;
}

export interface FamilyLimiters {
  admit(family: string): Admission;
}

export function createFamilyLimiters(options: FamilyLimitersOptions): FamilyLimiters {
  const limiters = new Map<string, WindowLimiter>();

  const limiterFor = (family: string): WindowLimiter => {
    const existing = limiters.get(family);
    if (existing) return existing;
    const base = MDE_FAMILY_LIMITS[family] ?? FALLBACK;
    const own = options.families?.[family];
    const perMinute = own?.perMinute ?? options.override?.perMinute ?? base.perMinute;
    const perHour = own?.perHour ?? options.override?.perHour ?? base.perHour;
    const created = createWindowLimiter(
      [
        { max: perMinute, lengthMs: MINUTE_MS * options.timeScale },
        { max: perHour, lengthMs: HOUR_MS * options.timeScale },
      ],
      options.now,
    );
    limiters.set(family, created);
    return created;
  };

  return { admit: (family) => limiterFor(family).tryAcquire() };
}

/**
 * `Retry-After` is whole seconds; round up so a client that honours it never arrives early, and
 * never say 0, which clients read as "retry now".
 */
export const retryAfterSeconds = (retryAfterMs: number): number => Math.max(1, Math.ceil(retryAfterMs / 1000));
