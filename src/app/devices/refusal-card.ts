import type { Card } from '../../cards/card';
import { MAX_LISTED } from '../../devices/limits';
import { formatCount } from '../../cards/format';
import { problemCard } from '../../cards/problem-card';
import type { DeviceSetRefusal } from '../../devices/device-set';
import { MAX_DEVICE_SET, MAX_INPUT_CHARS, MAX_QUERY_CHARS, narrowHint } from '../../devices/limits';

/** Like the set card's lists, unescaped: the problem card escapes its text itself. */
function listedPlain(label: string, items: readonly string[]): { text: string }[] {
  if (items.length === 0) return [];
  const more = items.length > MAX_LISTED ? ` and ${formatCount(items.length - MAX_LISTED)} more` : '';
  return [{ text: `${label} (${formatCount(items.length)}): ${items.slice(0, MAX_LISTED).join(', ')}${more}` }];
}

/** Why `/devices` made no set, as a problem card saying what to do. */
export function deviceRefusalCard(refusal: DeviceSetRefusal): Card {
  switch (refusal.reason) {
    case 'empty':
      return problemCard({ title: 'No devices given', detail: 'Nothing after /devices names a device.', action: 'Paste computer names or 40-hex device ids (comma, space or line separated), a CSV with a Name or DeviceId column, or use /devices query <KQL>.' });
    case 'too-long':
      return problemCard({ title: 'That is too much text', detail: `It has ${formatCount(refusal.chars)} characters; Verdict reads at most ${formatCount(Math.max(MAX_INPUT_CHARS, MAX_QUERY_CHARS))}.`, action: 'Send the devices in smaller parts.' });
    case 'too-many':
      return problemCard({ title: `Too many devices: ${formatCount(refusal.count)}`, detail: `One device set holds at most ${formatCount(MAX_DEVICE_SET)} devices.`, action: narrowHint(refusal.source) });
    case 'no-column':
      return problemCard({ title: 'The CSV has no device column', detail: `Verdict reads a column named Name or DeviceId (any case)${refusal.header.length ? `; this CSV has: ${refusal.header.join(', ')}` : ''}.`, action: 'Rename the column holding the computer names to Name (or the device ids to DeviceId) and send it again.' });
    case 'unclosed-quote':
      return problemCard({ title: 'The CSV is cut off', detail: `A quoted field opened on line ${refusal.line} is never closed.`, action: 'Check that line for a stray double quote.' });
    case 'no-valid-entries': {
      const shown = [...listedPlain('Not a device name or id', refusal.invalid), ...listedPlain('Rows not used', refusal.badRows.map((r) => `line ${r.line}: ${r.reason}`))].map((l) => l.text).join(' ');
      return problemCard({ title: 'No device names or ids found', detail: shown || 'Nothing given looks like a computer name or a 40-hex device id.', action: 'Paste computer DNS names (e.g. laptop-12.contoso.com) or Defender device ids (40 hex characters).' });
    }
    case 'query-failed':
      return problemCard({ title: 'Defender could not run the query', detail: refusal.message ? `Defender said: ${refusal.message}` : 'Defender refused the query without saying why.', action: 'Fix the query (try it in Advanced hunting in the Defender portal first) and send it again.', code: refusal.code });
    case 'query-empty':
      return problemCard({ title: 'The query found no devices', detail: 'It ran, and returned no rows with a DeviceId.', action: 'Widen the query (a longer time range, fewer conditions) and run it again.' });
    case 'query-without-device-id':
      return problemCard({ title: 'The query returns no DeviceId column', detail: `Its columns: ${refusal.columns.join(', ') || 'none'}.`, action: 'End the query with `| distinct DeviceName, DeviceId` (or project DeviceId) and run it again.' });
  }
}
