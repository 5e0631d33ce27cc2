/** Display formats for card values. Fixed to en-US and UTC so cards read the same for everyone. */

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * Binary multiples labelled KB/MB as Windows Explorer does, which is what analysts compare
 * against. Returns undefined for missing or nonsensical sizes.
 */
export function formatBytes(bytes: number | null | undefined): string | undefined {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return undefined;
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number | null | undefined): string | undefined {
  return n === null || n === undefined || !Number.isFinite(n) ? undefined : COUNT.format(n);
}

/** `2024-05-01 13:37 UTC`, or undefined when the value is missing or not a date. */
export function formatUtc(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatYesNo(value: boolean | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : value ? 'Yes' : 'No';
}
