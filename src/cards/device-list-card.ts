import deviceListTemplate from '../../cards/device-list.json';
import { osInWords } from './device-set-card';
import type { DeviceSetEntry } from '../devices/device-set';
import { ISOLATION_WORDS } from '../devices/isolation-state';
import type { Card } from './card';
import { BULK_CARD_TARGET_BYTES } from './card-size';
import { safeText } from './escape';
import { formatCount } from './format';
import { renderCard } from './render';

/** Bytes a line's TextBlock adds besides its text (type, spacing, wrap), measured on the template. */
const LINE_OVERHEAD = 80;
const TITLE_ROOM = 400;

/** "Show all": every device of a set, one line each ("name · id · OS · isolation"), in as few cards as fit under Teams' size limit. */
export function deviceListCards(devices: readonly DeviceSetEntry[]): Card[] {
  const lines = devices.map((d) => ({ text: [safeText(d.name, 120) || d.id, d.id, safeText(d.os ? osInWords(d.os) : '', 40), d.isolation ? ISOLATION_WORDS[d.isolation] : ''].filter(Boolean).join(' · ') }));
  const pages: { start: number; lines: { text: string }[] }[] = [];
  let bytes = TITLE_ROOM;
  lines.forEach((line, i) => {
    const size = Buffer.byteLength(JSON.stringify(line.text), 'utf8') + LINE_OVERHEAD;
    const last = pages[pages.length - 1];
    if (!last || bytes + size > BULK_CARD_TARGET_BYTES) {
      pages.push({ start: i, lines: [line] });
      bytes = TITLE_ROOM + size;
    } else {
      last.lines.push(line);
      bytes += size;
    }
  });
  return pages.map(({ start, lines: page }) => {
    const title = pages.length === 1 ? `All ${formatCount(devices.length)} devices` : `Devices ${formatCount(start + 1)}–${formatCount(start + page.length)} of ${formatCount(devices.length)}`;
    return renderCard(deviceListTemplate, { title, lines: page });
  });
}
