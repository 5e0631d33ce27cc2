import type { HttpAnswer } from '../http-kit';

/** The content type and version header live MDE responses carry on success. */
export const ODATA_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8',
  'odata-version': '4.0',
});

/** A single entity, with `@odata.context` first as MDE writes it (e.g. `Files/$entity`). */
export function odataEntity(baseUrl: string, context: string, entity: object): HttpAnswer {
  return {
    status: 200,
    headers: { ...ODATA_HEADERS },
    body: { '@odata.context': `${baseUrl}/api/$metadata#${context}`, ...entity },
  };
}

/** A collection: `{ "@odata.context": …#<context>, "value": [...] }` (e.g. `Alerts`, `Machines`, `Files`). */
export function odataCollection(baseUrl: string, context: string, items: readonly object[]): HttpAnswer {
  return {
    status: 200,
    headers: { ...ODATA_HEADERS },
    body: { '@odata.context': `${baseUrl}/api/$metadata#${context}`, value: items },
  };
}
