/**
 * MDE's published rate limits (reference §0, §5, §6) and which family each operation of ours
 * counts against. The docs give limits "per API"; whether that is per endpoint, per resource or
 * per tenant is UNCONFIRMED, so calls are grouped by the resource in their path (everything under
 * /api/files/… is `files`, under /api/alerts/… is `alerts`), which is at least as strict as per
 * endpoint. The sandbox's table (src/sandbox/rate-limits.ts) must agree; a unit test checks it.
 */
export interface FamilyLimits {
  perMinute: number;
  perHour: number;
}

export type ApiFamily = 'files' | 'alerts' | 'machines' | 'machineactions' | 'machineactions-package' | 'indicators' | 'indicators-import' | 'indicators-batch-delete' | 'hunting' | 'graph-hunting';

export const MDE_API_LIMITS: Readonly<Record<ApiFamily, Readonly<FamilyLimits>>> = Object.freeze({
  files: { perMinute: 100, perHour: 1_500 },
  alerts: { perMinute: 100, perHour: 1_500 },
  machines: { perMinute: 100, perHour: 1_500 },
  machineactions: { perMinute: 100, perHour: 1_500 },
  // get-package-sas-uri: 2 calls per minute and 120 per hour.
  'machineactions-package': { perMinute: 2, perHour: 120 },
  indicators: { perMinute: 100, perHour: 1_500 },
  // The import page gives only 30/min; the hourly default of the other APIs is assumed on top.
  'indicators-import': { perMinute: 30, perHour: 1_500 },
  // POST /api/indicators/BatchDelete (reference §4b): 30/min and 1,500/h, its own API.
  'indicators-batch-delete': { perMinute: 30, perHour: 1_500 },
  // Plus a CPU quota (10 min per hour) that only MDE can measure; a 429 tells us when we hit it.
  hunting: { perMinute: 45, perHour: 1_500 },
  // Microsoft Graph runHuntingQuery (reference §5b): "at least 45 calls per minute" per tenant and a
  // CPU quota per 15-minute cycle that only Graph can measure (a 429 says so); no hourly count is
  // published, so the hour allows what the minute does. Graph's role lookups are not paced here.
  'graph-hunting': { perMinute: 45, perHour: 2_700 },
});

/** Every operation name an endpoint function uses, with the family it is paced in. */
export const OPERATION_FAMILIES: Readonly<Record<string, ApiFamily>> = Object.freeze({
  'files.get': 'files',
  'files.stats': 'files',
  'files.machines': 'files',
  'files.alerts': 'files',
  'alerts.get': 'alerts',
  'alerts.files': 'alerts',
  'alerts.machine': 'alerts',
  'hunting.run': 'hunting',
  'hunting.graph': 'graph-hunting',
  'indicators.list': 'indicators',
  'indicators.submit': 'indicators',
  'indicators.delete': 'indicators',
  'indicators.import': 'indicators-import',
  'indicators.batchDelete': 'indicators-batch-delete',
  'machines.get': 'machines',
  'machines.isolate': 'machines',
  'machines.unisolate': 'machines',
  'machines.scan': 'machines',
  'machines.restrict': 'machines',
  'machines.unrestrict': 'machines',
  'machines.collect': 'machines',
  'machines.quarantine': 'machines',
  'machines.tag': 'machines',
  'machines.tag-bulk': 'machines',
  'machines.by-name': 'machines',
  'machineactions.package': 'machineactions-package',
  'machineactions.list': 'machineactions',
  'machineactions.get': 'machineactions',
});

/**
 * The family of an operation. One not in the table yet (a new endpoint) falls back to its dotted
 * prefix when that is a family, else to `files`' budget under its own name, so it is still paced.
 */
export function familyOf(operation: string): string {
  const known = OPERATION_FAMILIES[operation];
  if (known) return known;
  const prefix = operation.split('.')[0] ?? operation;
  return prefix in MDE_API_LIMITS ? prefix : operation;
}

export function limitsOf(family: string): FamilyLimits {
  return (MDE_API_LIMITS as Record<string, FamilyLimits>)[family] ?? MDE_API_LIMITS.files;
}
