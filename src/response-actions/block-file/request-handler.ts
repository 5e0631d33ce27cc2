import { z } from 'zod';
import type { CardSection } from '../../cards/card-section';
import type { ExistingIndicator } from '../../mde/containment-ports';
import { CARD_VERBS } from '../../cards/card-verbs';
import { problemCard } from '../../cards/problem-card';
import { creatorInWords } from '../../cards/audit-words';
import { safeText } from '../../cards/escape';
import { formatCount, formatUtc } from '../../cards/format';
import type { RequestResult } from '../../containment/deps';
import type { MdeFile } from '../../mde/file';
import { hashOfType, type FoundHash } from '../../triage/hashes';
import { decideVerdict, VERDICT_LABEL } from '../../triage/verdict';
import { hashFromAction, invalidButtonCard } from '../../app/actions/action-hash';
import { notAllowedCard, type Access } from '../../app/access';
import type { Card } from '../../cards/card';
import { containmentOf, type AppDeps } from '../../app/deps';
import { fileVerdictCard } from '../../app/file-verdict';
import { mdeFailureCard } from '../../app/mde-failure-card';
import type { ActionHandler } from '../../app/router';
import type { Turn } from '../../app/turn';
import { actorOf } from '../../app/containment/actor';
import { whereDecided } from '../../app/containment/where-decided';
import { whereAsked } from '../../app/containment/requester-news';
import { postApprovalCard } from '../../app/containment/approval-viewers';
import { auditUnavailableCard } from '../../app/containment/outcome-cards';
import type { Quota } from './kind';
import { requestStatus } from '../../cards/request-status';
import { blockFileView } from './card-view';
import { INDICATOR_ACTIONS, type BlockFileRequest } from './request';
import { indicatorFormFields } from '../form-rules';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The form's inputs as the client merges them into the button's data. Only these keys are read;
 * lengths here are generous bounds, the service applies the real limits and rules.
 */
const blockForm = z.object({
  action: z.enum(INDICATOR_ACTIONS),
  generateAlert: z.union([z.boolean(), z.enum(['true', 'false'])]).optional().transform((v) => v === true || v === 'true'),
  ...indicatorFormFields,
});


const section = (title: string, facts: [string, string][], empty = ''): CardSection => ({
  title,
  empty,
  items: [],
  facts: facts.filter(([, v]) => v !== '').map(([t, value]) => ({ title: t, value })),
  more: '',
});

/**
 * "Send for approval" under "Request block": the data carries the hash and the form, nothing
 * else is read. The file and its verdict are fetched again here (never taken from the card), the
 * service checks role, input, existing indicators and quota, and the approval card is posted.
 */
export const requestBlockHandler: ActionHandler = {
  verb: CARD_VERBS.containmentRequestBlock,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const app = containmentOf(deps);
    const hash = hashFromAction(turn, ['sha256', 'sha1']);
    if (!hash) return invalidButtonCard(turn);
    const form = blockForm.safeParse(turn.action?.data ?? {});
    let file: MdeFile | null;
    try {
      file = await deps.mde.getFile(hash.value);
    } catch (err) {
      const card = mdeFailureCard(err, `Looking up ${hash.type.toUpperCase()} ${hash.value}`);
      if (card) return card;
      throw err;
    }
    const again = (s: CardSection) => fileVerdictCard(hash, file, deps, s, access);
    if (!file) return notFoundRefusal(hash);
    if (!form.success) {
      return again(section('Block not requested', form.error.issues.map((i) => [i.path.join('.') || 'form', safeText(i.message, 200)])));
    }
    const f = form.data;
    const verdict = decideVerdict(file);
    const input = {
      kind: 'block-file',
      target: {
        sha256: hashOfType(file.sha256, 'sha256') ?? (hash.type === 'sha256' ? hash.value : undefined),
        sha1: hashOfType(file.sha1, 'sha1') ?? (hash.type === 'sha1' ? hash.value : undefined),
        verdict: VERDICT_LABEL[verdict.level],
      },
      parameters: {
        action: f.action,
        generateAlert: f.generateAlert,
        severity: f.severity,
        expirationTime: new Date((deps.now ?? Date.now)() + f.expiryDays * DAY_MS).toISOString(),
        title: f.title,
        description: f.description,
        rbacGroupNames: (f.deviceGroups ?? '').split(',').map((g) => g.trim()).filter(Boolean),
      },
      reason: f.reason,
    };
    const result = await app.service.request({ actor: actorOf(turn, access), tenantId: turn.tenantId ?? '', conversation: whereAsked(turn), input });
    return answer(turn, deps, access, result, again, hash);
  },
};

async function answer(turn: Turn, deps: AppDeps, access: Access, result: RequestResult, again: (s: CardSection) => Card, hash: FoundHash): Promise<Card> {
  if (result.ok) {
    // The kind's own notes and request: this handler asked for a block-file request.
    const quota = result.notes?.quota as Quota | undefined;
    const warnings = quota?.nearLimit ? [`Indicator quota: ${formatCount(quota.used) ?? ''} of ${formatCount(quota.limit) ?? ''} in use.`] : [];
    const replaces = supersedesNote(result.request as BlockFileRequest);
    const app = containmentOf(deps);
    await postApprovalCard(turn, app, deps.roles, result.request, warnings);
    turn.log.info({ requestId: result.request.id }, 'block requested');
    return again(
      section('Block requested', [
        ['Request', safeText(result.request.id, 64)],
        // Under ACTION_POLICY `none` it has run already: say where it stands instead.
        ['Status', result.request.state === 'requested' ? `Waiting for an approver. ${whereDecided(turn, app)}`.trim() : requestStatus(result.request, blockFileView).text],
        ['Existing indicator', replaces],
        ...warnings.map((w): [string, string] => ['Note', w]),
      ]),
    );
  }
  switch (result.reason) {
    case 'invalid-input':
      return again(section('Block not requested: please fix the form', result.issues.slice(0, 10).map((issue) => ['Problem', safeText(issue, 200)])));
    case 'precheck-refused':
      return precheckRefused(result.refusal, again);
    case 'precheck-failed':
      return mdeFailureCard(result.error, `Checking Defender's indicators for ${hash.value}`) ?? auditUnavailableCard(false);
    case 'audit-unavailable':
      return auditUnavailableCard(false);
    default:
      turn.log.info({ reason: result.reason }, 'block request refused');
      return notAllowedCard(access, 'request-containment');
  }
}

/** The kind's pre-check refusals (kind.ts): covered by a live indicator, or the quota is full. */
function precheckRefused(refusal: { reason: string; detail: Record<string, unknown> }, again: (s: CardSection) => Card): Card {
  if (refusal.reason === 'already-blocked') {
    const e = refusal.detail.existing as ExistingIndicator;
    const expiry = e.expirationTime ? (formatUtc(e.expirationTime) ?? safeText(e.expirationTime, 40)) : 'never';
    return again(section(`${coveredHeading(e.action)} by indicator #${safeText(e.id, 40)}`, [['Action', safeText(e.action, 40)], ['Expires', expiry], ['Created by', safeText(creatorInWords(e.createdBy, e.createdByName), 200)], ['Title', safeText(e.title, 120)]]));
  }
  const quota = refusal.detail.quota as Quota;
  return again(section('Block not requested: the indicator quota is full', [['In use', `${formatCount(quota.used) ?? ''} of ${formatCount(quota.limit) ?? ''}`], ['What to do', 'Ask a Defender admin to remove expired or unneeded indicators.']]));
}

/** "Already blocked" only when it is a block: an Allowed or Audit indicator covers a request for the same. */
function coveredHeading(action: string): string {
  if (action === 'Allowed') return 'Already allowed';
  if (action === 'Audit' || action === 'Alert') return 'Already audited';
  if (action === 'Warn') return 'Already covered';
  return 'Already blocked';
}

/** What the request would replace or outrank, for the requester (the approval card says it too). */
function supersedesNote(request: BlockFileRequest): string {
  if (!request.supersedes) return '';
  const s = request.supersedes;
  const what = `#${safeText(s.id, 40)} (${safeText(s.action, 40)}) on the ${s.hash === 'sha256' ? 'SHA-256' : 'SHA-1'}`;
  return s.replaced ? `${what}: approving replaces it` : `${what}: it stays; the new SHA-256 indicator takes precedence`;
}

function notFoundRefusal(hash: FoundHash): Card {
  return problemCard({
    title: 'Block not requested: Defender has no file with this hash',
    detail: `MDE has no file profile for ${hash.type.toUpperCase()} ${hash.value}; Verdict offers blocking for files Defender knows.`,
    action: 'To block a hash Defender has never seen, add a file indicator in the Defender portal.',
  });
}
