import { z } from 'zod';

/**
 * An OData collection, `{ "@odata.context": …, "value": [ … ] }`, read as its items. Extra
 * properties (`@odata.nextLink`, future ones) pass; a missing `value` is malformed, not empty:
 * reading it as "no alerts" would hide a broken answer behind a reassuring one.
 */
export function odataList<T>(item: z.ZodType<T>) {
  return z
    .object({ value: z.array(item) })
    .passthrough()
    .transform((body) => body.value);
}
