import deviceListTemplate from '../../cards/device-list.json';
import type { DeviceSetEntry } from '../devices/device-set';
import { ISOLATION_WORDS } from '../devices/isolation-state';
import type { Card } from './card';
import { safeText } from './escape';
import { formatCount } from './format';
import { renderCard } from './render';

/** Devices per list card: about 60 bytes a line keeps a page near 12 KB, well under Teams' 28 KB. */
export const DEVICES_PER_PAGE = 200;

/** "Show all": every device of a set, one line each ("name · id · OS · isolation"), in pages. */
export function deviceListCards(devices: readonly DeviceSetEntry[]): Card[] {
  const pages: Card[] = [];
  for (let start = 0; start < devices.length; start += DEVICES_PER_PAGE) {
    const page = devices.slice(start, start + DEVICES_PER_PAGE);
    const end = start + page.length;
    const title = devices.length <= DEVICES_PER_PAGE ? `All ${formatCount(devices.length)} devices` : `Devices ${formatCount(start + 1)}–${formatCount(end)} of ${formatCount(devices.length)}`;
    const lines = page.map((d) => ({ text: [safeText(d.name, 120) || d.id, d.id, safeText(d.os, 40), d.isolation ? ISOLATION_WORDS[d.isolation] : ''].filter(Boolean).join(' · ') }));
    pages.push(renderCard(deviceListTemplate, { title, lines }));
  }
  return pages;
}
