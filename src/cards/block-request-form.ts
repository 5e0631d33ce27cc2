import formTemplate from '../../cards/block-request-form.json';
import type { CardAction } from './card-action';
import { CARD_VERBS } from './card-verbs';
import { clip } from '../util/clip';
import { oneLine } from './escape';
import { renderCard } from './render';

export interface BlockFormInput {
  /** The hash the button carries (SHA-256 preferred, else SHA-1); validated hex. */
  sha: string;
  verdictLabel: string;
  fileName?: string | null;
  threatName?: string | null;
}

/**
 * "Request block" on a verdict card: a form under the card. Its button carries only the hash; the
 * inputs are merged into the data by the client and validated (and the verdict re-derived) on the server.
 * Prefilled values go into Input values, not markdown, so they are one-lined and clipped, not escaped.
 */
export function blockRequestFormAction(input: BlockFormInput): CardAction {
  const name = clip(oneLine(input.fileName ?? ''), 120);
  const threat = clip(oneLine(input.threatName ?? ''), 120);
  const title = clip(`Verdict: ${input.verdictLabel} file ${name || input.sha.slice(0, 16)}`, 100);
  const description = clip(oneLine(`${input.verdictLabel} in Defender${threat ? ` (${threat})` : ''}. ${input.sha.length === 64 ? 'SHA-256' : 'SHA-1'} ${input.sha}.`), 1000);
  const severity = input.verdictLabel === 'Malicious' ? 'High' : 'Medium';
  return form({ intro: 'Ask an approver to block this file in Defender (a file indicator).', title, description, severity, sha: input.sha });
}

/** A file of an alert, as `/alertfiles` offers it for blocking. */
export interface AlertFileChoice {
  /** Validated hex, SHA-256 preferred. */
  sha: string;
  verdictLabel: string;
  /** Threat or file name, when known. */
  what?: string | null;
}

/**
 * "Request block" on `/alertfiles`: one form for the alert's files, the file picked from a list
 * (a form per file would not fit a Teams card). The chosen hash is an input like any other: the
 * server re-validates it, looks the file up in Defender again and re-derives its verdict.
 */
export function requestBlockForAlertAction(input: { files: readonly AlertFileChoice[]; alertId: string; alertTitle?: string | null; deviceName?: string | null }): CardAction | undefined {
  const [first] = input.files;
  if (!first) return undefined;
  const alert = clip(oneLine(input.alertTitle ?? ''), 80) || input.alertId;
  const device = clip(oneLine(input.deviceName ?? ''), 120);
  const files = input.files.map((f) => ({ value: f.sha, title: clip(oneLine(`${f.verdictLabel} · ${f.what ? `${f.what} · ` : ''}${f.sha.slice(0, 12)}…`), 120) }));
  return form({
    intro: 'Ask an approver to block one of this alert’s files in Defender (a file indicator).',
    title: clip(`Verdict: file from alert ${alert}`, 100),
    description: clip(oneLine(`From Defender alert ${input.alertId} (${alert})${device ? ` on ${device}` : ''}.`), 1000),
    severity: first.verdictLabel === 'Malicious' ? 'High' : 'Medium',
    files,
  });
}

function form(f: { intro: string; title: string; description: string; severity: string; sha?: string; files?: { value: string; title: string }[] }): CardAction {
  const verb = CARD_VERBS.containmentRequestBlock;
  // With a file list the hash comes from the "sha" input; the button then carries no hash itself.
  const data = f.sha ? { sha: f.sha } : {};
  const card = renderCard(formTemplate, {
    intro: f.intro,
    hasFiles: Boolean(f.files?.length),
    files: f.files ?? [],
    firstSha: f.files?.[0]?.value ?? '',
    verb,
    data,
    fallbackData: { verb, ...data },
    title: f.title,
    description: f.description,
    severity: f.severity,
  });
  return { type: 'Action.ShowCard', title: 'Request block', card };
}
