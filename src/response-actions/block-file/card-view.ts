import type { ActionCardView } from '../../cards/action-view';
import { safeText } from '../../cards/escape';
import { formatUtc } from '../../cards/format';
import type { BlockFileRequest } from './request';

const at = (iso: string | undefined) => (iso ? (formatUtc(iso) ?? safeText(iso, 40)) : '');

/** Says what approving will do: an Allowed indicator allow-lists the file, an Audit one only alerts. */
function heading(r: BlockFileRequest): string {
  switch (r.parameters.action) {
    case 'Allowed':
      return 'Indicator request: ALLOW a file (allow-list it; Defender will not block it)';
    case 'Audit':
      return 'Indicator request: audit a file (alert only; the file is not blocked)';
    default:
      return 'Containment request: block a file';
  }
}

/**
 * A weaker or opposite live indicator the request would supersede (see SupersededIndicator): the
 * approver must know approving changes it, or, on the SHA-1, that it stays and is outranked.
 */
function supersededText(r: BlockFileRequest): { notice: string; fact: string } {
  if (!r.supersedes) return { notice: '', fact: '' };
  const s = r.supersedes;
  const hash = s.hash === 'sha256' ? 'SHA-256' : 'SHA-1';
  const id = `#${safeText(s.id, 40)}`;
  const expires = s.expirationTime ? `, expires ${at(s.expirationTime)}` : '';
  const existing = `indicator ${id} (${safeText(s.action, 40)}${expires})`;
  const requested = safeText(r.parameters.action, 40);
  if (s.replaced) {
    return {
      notice: `This ${hash} already has ${existing}. Approving replaces it: Defender keeps one indicator per hash, so ${id} is updated to ${requested}.`,
      fact: `${existing} on the ${hash}; approving replaces it with ${requested}`,
    };
  }
  return {
    notice: `The file's ${hash} already has ${existing}. Approving adds a ${requested} indicator on the SHA-256, which takes precedence (the longer hash wins); ${id} stays in Defender.`,
    fact: `${existing} on the ${hash}; it stays, the SHA-256 indicator takes precedence`,
  };
}

/** What was asked, in a few words: "block file invoice.exe (275a021bbfb6489e…)". */
function what(r: BlockFileRequest): string {
  const hash = r.target.sha256 ?? r.target.sha1 ?? '';
  const name = safeText(r.target.fileName, 120);
  const short = `${hash.slice(0, 16)}…`;
  return name ? `block file ${name} (${short})` : `block file ${short}`;
}

/** Why a request was refused before it was stored, from the refusal entry's detail. */
function refusal(reason: string, detail: Record<string, unknown>): string | undefined {
  const existing = (detail.existing && typeof detail.existing === 'object' ? detail.existing : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  switch (reason) {
    case 'already-blocked': {
      const action = str(existing.action);
      const id = str(existing.id) ? ` #${str(existing.id)}` : '';
      if (action === 'Block' || action === 'BlockAndRemediate' || action === 'AlertAndBlock') return `already blocked by indicator${id}`;
      return `already covered by indicator${id}${action ? ` (${action})` : ''}`;
    }
    case 'quota-exceeded':
      return 'the indicator quota is full';
    default:
      return undefined;
  }
}

export const blockFileView: ActionCardView<BlockFileRequest> = {
  heading,
  target(r) {
    const sha = r.target.sha256 ?? r.target.sha1 ?? '';
    return { title: r.target.sha256 ? 'SHA-256' : 'SHA-1', value: safeText(sha, 64) };
  },
  facts(r) {
    const p = r.parameters;
    return [
      { title: 'Verdict', value: safeText(r.target.verdict, 40) },
      { title: 'File', value: safeText(r.target.fileName, 120) },
      { title: 'Action', value: `${safeText(p.action, 40)}${p.generateAlert ? ', with alert' : ''} (${safeText(p.severity, 20)})` },
      { title: 'Indicator expires', value: at(p.expirationTime) },
      { title: 'Device groups', value: p.rbacGroupNames?.length ? safeText(p.rbacGroupNames.join(', '), 300) : 'all devices' },
      { title: 'Title', value: safeText(p.title, 120) },
    ];
  },
  // While the request waits, what it replaces is a warning for the approver; afterwards, a fact.
  waitingNotice: (r) => supersededText(r).notice,
  decidedFacts: (r) => [{ title: 'Existing indicator', value: supersededText(r).fact }],
  mdeNoun: 'Indicator',
  what,
  words: {
    kind: 'Block a file (indicator)',
    operations: { 'indicators.submit': 'Block file: submit a file indicator' },
    refusal,
  },
};
