import { DEMO_PUA_BLOCK_INDICATOR, seededIndicators, type IndicatorEntity } from '../demo-indicators';

/** MDE's cap on active indicators per tenant (reference §3a). */
export const MAX_ACTIVE_INDICATORS = 15_000;

/** What a valid POST body sets (checked by indicator-body.ts). */
export interface IndicatorFields {
  indicatorValue: string;
  indicatorType: string;
  action: string;
  application: string | null;
  title: string;
  description: string;
  expirationTime: string | null;
  severity: string;
  recommendedActions: string | null;
  rbacGroupNames: string[];
  generateAlert: boolean;
}

export type UpsertResult = { ok: true; created: boolean; indicator: IndicatorEntity } | { ok: false; reason: 'cap-reached' };

export interface IndicatorStore {
  all(): readonly IndicatorEntity[];
  get(id: string): IndicatorEntity | undefined;
  activeCount(): number;
  /** Creates, or updates the one on the same value and type (MDE's "submit or update"). */
  upsert(fields: IndicatorFields, by: { clientId: string }): UpsertResult;
  remove(id: string): boolean;
  /** Adds one made elsewhere (the portal), with its own id; refused (false) if the id or the value and type are taken. */
  insert(indicator: IndicatorEntity): boolean;
  /** Reserves a fresh id, for an indicator `insert` will add. */
  takeId(): string;
}

export interface IndicatorStoreOptions {
  seed?: number;
  /** Indicators already in the tenant besides the demo PUA block (the opt-in crowded tenant). */
  extra?: readonly IndicatorEntity[];
  now: () => number;
}

const NEVER = Number.POSITIVE_INFINITY;
const expiryOf = (i: Pick<IndicatorEntity, 'expirationTime'>): number => (i.expirationTime ? Date.parse(i.expirationTime) : NEVER);

/**
 * One sandbox's indicators: the demo PUA block, `seed` made-up ones, `extra`, then whatever is
 * posted. Indexed by value + type (MDE keeps one per pair) and by id; expiry times are kept parsed
 * so the 15,000-cap check stays cheap when an import of 500 meets a full tenant.
 */
export function createIndicatorStore(options: IndicatorStoreOptions): IndicatorStore {
  const items = new Map<string, IndicatorEntity>();
  const byKey = new Map<string, string>();
  const expiries = new Map<string, number>();
  const key = (value: string, type: string) => `${type.toLowerCase()}\u0000${value.toLowerCase()}`;
  const put = (i: IndicatorEntity) => {
    items.set(i.id, i);
    byKey.set(key(i.indicatorValue, i.indicatorType), i.id);
    expiries.set(i.id, expiryOf(i));
  };
  for (const i of [{ ...DEMO_PUA_BLOCK_INDICATOR }, ...seededIndicators(options.seed ?? 0, 10_000), ...(options.extra ?? [])]) put(i);
  let nextId = Math.max(10_000 + (options.seed ?? 0), ...[...items.keys()].map(Number).filter(Number.isFinite)) + 1;
  const iso = () => new Date(options.now()).toISOString();
  const activeCount = () => {
    const now = options.now();
    let n = 0;
    for (const at of expiries.values()) if (at > now) n++;
    return n;
  };

  return {
    all: () => [...items.values()],
    get: (id) => items.get(id),
    activeCount,
    upsert(fields, by) {
      const existingId = byKey.get(key(fields.indicatorValue, fields.indicatorType));
      const existing = existingId === undefined ? undefined : items.get(existingId);
      const at = iso();
      if (existing) {
        // `application` applies only when creating (reference §3a).
        const { application: _ignored, ...rest } = fields;
        const updated: IndicatorEntity = { ...existing, ...rest, indicatorValue: existing.indicatorValue, lastUpdateTime: at, lastUpdatedBy: by.clientId };
        put(updated);
        return { ok: true, created: false, indicator: updated };
      }
      if (expiryOf(fields) > options.now() && activeCount() >= MAX_ACTIVE_INDICATORS) return { ok: false, reason: 'cap-reached' };
      const indicator: IndicatorEntity = {
        id: String(nextId++),
        ...fields,
        sourceType: 'AadApp',
        createdBySource: 'Verdict',
        createdBy: by.clientId,
        createdByDisplayName: 'Verdict',
        creationTimeDateTimeUtc: at,
        lastUpdateTime: at,
        lastUpdatedBy: by.clientId,
        rbacGroupIds: [],
        externalID: null,
      };
      put(indicator);
      return { ok: true, created: true, indicator };
    },
    remove(id) {
      const found = items.get(id);
      if (!found) return false;
      items.delete(id);
      expiries.delete(id);
      if (byKey.get(key(found.indicatorValue, found.indicatorType)) === id) byKey.delete(key(found.indicatorValue, found.indicatorType));
      return true;
    },
    insert(indicator) {
      if (items.has(indicator.id) || byKey.has(key(indicator.indicatorValue, indicator.indicatorType))) return false;
      put(indicator);
      return true;
    },
    takeId: () => String(nextId++),
  };
}
