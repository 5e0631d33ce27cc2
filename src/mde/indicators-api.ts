import { batchDeleteIndicators, deleteIndicator, importIndicators, listAllIndicators, type IndicatorImportItem, type IndicatorImportResult } from './indicator-bulk';
import type { MdeIndicator } from './indicator';
import type { MdeRequest } from './request';

/**
 * The tenant's custom indicators in bulk, for the coverage card, /indicators and bulk actions.
 * Separate from MdeClient (the lookups, cached and batched): indicator answers are never cached,
 * since a list read a minute ago may miss what an import just added.
 */
export interface IndicatorsApi {
  /** Every indicator the app can see, paged (at most 30,000: the 15,000 active cap plus expired ones). */
  listAll(options?: { signal?: AbortSignal }): Promise<MdeIndicator[]>;
  /** One import call, ≤500 items (more is refused unsent). */
  import(items: readonly IndicatorImportItem[], options?: { signal?: AbortSignal }): Promise<IndicatorImportResult[]>;
  /** True: deleted (204); false: it was not there (404). */
  delete(id: string, options?: { signal?: AbortSignal }): Promise<boolean>;
  /** One BatchDelete call, ≤500 ids. */
  batchDelete(ids: readonly string[], options?: { signal?: AbortSignal }): Promise<void>;
  /** Verdict's own app (client) id, when known: its indicators are "created by Verdict". */
  ownClientId?: string;
}

export function createIndicatorsApi(request: MdeRequest, ownClientId?: string): IndicatorsApi {
  return {
    listAll: (options) => listAllIndicators(request, options),
    import: (items, options) => importIndicators(request, items, options),
    delete: (id, options) => deleteIndicator(request, id, options),
    batchDelete: (ids, options) => batchDeleteIndicators(request, ids, options),
    ownClientId,
  };
}
