import type { Card } from '../../cards/card';
import { problemCard } from '../../cards/problem-card';
import type { FileRead, Turn } from '../turn';

const readRefusal = (name: string, read: Extract<FileRead, { ok: false }>): Card => {
  switch (read.reason) {
    case 'too-big':
      return problemCard({ title: `${name} is too big`, detail: `Verdict reads device CSV files of at most ${Math.round((read.maxBytes ?? 1_000_000) / 1000).toLocaleString('en-US')} KB.`, action: 'Keep only the Name or DeviceId column, or split the file into parts of at most 1,000 devices.' });
    case 'not-utf8':
      return problemCard({ title: `${name} is not UTF-8 text`, detail: 'Verdict reads CSV files saved as UTF-8.', action: 'In Excel choose Save As → "CSV UTF-8 (Comma delimited)" and send it again.' });
    case 'host-refused':
    case 'redirect-refused':
      return problemCard({ title: `Verdict did not download ${name}`, detail: "Its download link does not point to Teams' file storage (OneDrive or SharePoint), so Verdict did not follow it.", action: 'Attach the CSV from your computer in your personal chat with Verdict, or paste its text after /devices.' });
    case 'timeout':
    case 'failed':
      return problemCard({ title: `Verdict could not download ${name}`, detail: read.reason === 'timeout' ? 'The download took too long.' : "Teams' file storage did not hand the file over.", action: 'Send the file again in a minute, or paste its text after /devices.' });
  }
};

/**
 * The text of a CSV sent to `/devices` as a file, or the card saying why not: only in personal
 * chat (where Teams hands bots files), only a .csv, only what the downloader will read.
 */
export async function sentCsvText(turn: Turn): Promise<{ ok: true; name: string; text: string } | { ok: false; card: Card }> {
  const file = turn.file;
  if (!file?.readable) {
    return { ok: false, card: problemCard({ title: 'Verdict could not read the attached file', detail: 'Teams sent a file Verdict could not make sense of.', action: 'Attach the CSV again, or paste its text after /devices.' }) };
  }
  if (turn.conversation.type !== 'personal') {
    return { ok: false, card: problemCard({ title: 'Send CSV files in your personal chat with Verdict', detail: 'Teams hands files to Verdict only in a one-to-one chat.', action: 'Open a chat with Verdict and attach the CSV there, or paste its text after /devices.' }) };
  }
  if (!file.csv) {
    return { ok: false, card: problemCard({ title: `${file.name} is not a CSV file`, detail: 'Verdict reads device lists from CSV files (.csv) with a Name or DeviceId column.', action: 'Export the list as CSV and send that, or paste the names after /devices.' }) };
  }
  const read = await file.read();
  if (!read.ok) {
    turn.log.warn({ reason: read.reason, status: read.status }, 'a sent CSV was not read');
    return { ok: false, card: readRefusal(file.name, read) };
  }
  return { ok: true, name: file.name, text: read.text };
}
