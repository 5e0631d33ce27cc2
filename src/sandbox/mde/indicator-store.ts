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
  activeCount(): number;
  /** Creates, or updates the one on the same value and type (MDE's "submit or update"). */
  upsert(fields: IndicatorFields, by: { clientId: string }): UpsertResult;
  remove(id: string): boolean;
  /** Adds one made elsewhere (the portal), with its own id; refused (false) if the id or the value and type are taken. */
  insert(indicator: IndicatorEntity): boolean;
  /** Reserves a fresh id, for an indicator `insert` will add. */
  takeId(): string;
}

/** One sandbox's indicators: the demo PUA block, `seed` made-up ones, then whatever is posted. */
export function createIndicatorStore(options: { seed?: number; now: () => number }): IndicatorStore {
  const items = new Map<string, IndicatorEntity>();
  for (const i of [{ ...DEMO_PUA_BLOCK_INDICATOR }, ...seededIndicators(options.seed ?? 0, 10_000)]) items.set(i.id, i);
  let nextId = 10_000 + (options.seed ?? 0) + 1;
  const iso = () => new Date(options.now()).toISOString();
  const active = (i: IndicatorEntity) => !i.expirationTime || Date.parse(i.expirationTime) > options.now();
  const key = (value: string, type: string) => `${type.toLowerCase()}:${value.toLowerCase()}`;

  return {
    all: () => [...items.values()],
    activeCount: () => [...items.values()].filter(active).length,
    upsert(fields, by) {
      const existing = [...items.values()].find((i) => key(i.indicatorValue, i.indicatorType) === key(fields.indicatorValue, fields.indicatorType));
      const at = iso();
      if (existing) {
        // `application` applies only when creating (reference §3a).
        const { application: _ignored, ...rest } = fields;
        const updated: IndicatorEntity = { ...existing, ...rest, indicatorValue: existing.indicatorValue, lastUpdateTime: at, lastUpdatedBy: by.clientId };
        items.set(existing.id, updated);
        return { ok: true, created: false, indicator: updated };
      }
      if (active({ expirationTime: fields.expirationTime } as IndicatorEntity) && [...items.values()].filter(active).length >= MAX_ACTIVE_INDICATORS) return { ok: false, reason: 'cap-reached' };
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
      items.set(indicator.id, indicator);
      return { ok: true, created: true, indicator };
    },
    remove: (id) => items.delete(id),
    insert(indicator) {
      const taken = [...items.values()].some((i) => i.id === indicator.id || key(i.indicatorValue, i.indicatorType) === key(indicator.indicatorValue, indicator.indicatorType));
      if (taken) return false;
      items.set(indicator.id, indicator);
      return true;
    },
    takeId: () => String(nextId++),
  };
}
