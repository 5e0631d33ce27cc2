import listTemplate from '../../cards/device-list.json';
import type { DeviceAction } from '../devices/ports';
import type { Card } from './card';
import { safeText } from './escape';
import { formatUtc } from './format';
import { renderCard } from './render';

/** Lines on one /actions card. */
export const MAX_ACTION_LINES = 30;

/** "Isolate · Succeeded · workstation-07 · 2026-12-02 16:01 UTC · Verdict abc: reason" per machine action, newest first. */
export function machineActionsCard(title: string, actions: readonly (DeviceAction & { computerDnsName?: string | null })[], notes: readonly string[] = []): Card {
  const newest = [...actions].sort((a, b) => (Date.parse(b.creationDateTimeUtc ?? '') || 0) - (Date.parse(a.creationDateTimeUtc ?? '') || 0));
  const lines = newest.slice(0, MAX_ACTION_LINES).map((a) => ({
    text: [safeText(a.type, 40), safeText(a.status, 20), safeText(a.computerDnsName, 80) || safeText(a.machineId, 40), formatUtc(a.creationDateTimeUtc) ?? '', safeText(a.requestorComment, 120), `id ${safeText(a.id, 40)}`].filter(Boolean).join(' · '),
  }));
  const more = newest.length > MAX_ACTION_LINES ? [{ text: `and ${newest.length - MAX_ACTION_LINES} older ones.` }] : [];
  const empty = lines.length === 0 ? [{ text: 'No machine actions.' }] : [];
  return renderCard(listTemplate, { title: safeText(title, 200), lines: [...lines, ...more, ...empty, ...notes.map((n) => ({ text: safeText(n, 300) }))] });
}
