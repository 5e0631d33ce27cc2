import { z } from 'zod';
import { CARD_VERBS } from '../../cards/card-verbs';
import { formatCount } from '../../cards/format';
import type { ActionHandler } from '../../app/router';
import { askIndicatorApproval, formProblems } from '../indicator-request-answer';
import { FILE_ACTIONS, NETWORK_ACTIONS } from './plan';
import { indicatorFormFields } from '../form-rules';

const DAY_MS = 86_400_000;

/** The button's data and the form's inputs; only these keys are read, the kind applies the real rules. */
const blockIocsForm = z.object({
  setId: z.string().max(64),
  fileAction: z.enum(FILE_ACTIONS).default('Block'),
  networkAction: z.enum(NETWORK_ACTIONS).default('Block'),
  ...indicatorFormFields,
});

const problems = formProblems('paste the advisory again');

/**
 * "Send for approval" under "Block the N not covered": loads the stored set by its id (the card
 * carries nothing else), asks the service (the kind checks values, actions and the quota), and
 * posts one approval card for the whole set.
 */
export const requestBlockIocsHandler: ActionHandler = {
  verb: CARD_VERBS.indicatorsBlockRequest,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const form = blockIocsForm.safeParse(turn.action?.data ?? {});
    if (!form.success) return problems('Block not requested: please fix the form', form.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`));
    const f = form.data;
    const now = (deps.now ?? Date.now)();
    const set = await deps.iocSets?.load(f.setId, now);
    if (!set) return problems('Block not requested: this card is too old', ['The IoC set behind it is gone (kept for a day).']);
    const input = {
      kind: 'block-indicators',
      target: { items: set.items },
      parameters: {
        fileAction: f.fileAction,
        networkAction: f.networkAction,
        severity: f.severity,
        expirationTime: new Date(now + f.expiryDays * DAY_MS).toISOString(),
        title: f.title,
        description: f.description,
        rbacGroupNames: (f.deviceGroups ?? '').split(',').map((g) => g.trim()).filter(Boolean),
      },
      reason: f.reason,
    };
    const n = formatCount(set.items.length) ?? '';
    return askIndicatorApproval(turn, deps, access, {
      input,
      noun: 'Block',
      requested: `Block of ${n} IoCs requested`,
      next: 'Once approved, Verdict imports them (up to 500 a call) and this card shows each result.',
      problems,
      refused: (refusal) => ({ title: `Block of ${n} IoCs not requested`, lines: refusalLines(refusal) }),
    });
  },
};

function refusalLines(refusal: { reason: string; detail: Record<string, unknown> }): string[] {
  const d = refusal.detail;
  switch (refusal.reason) {
    case 'over-cap':
      return [`Defender allows 15,000 active indicators; ${String(d.used)} are in use and this adds ${String(d.adding)}.`, 'Retire redundant ones first (/indicators).'];
    case 'unsupported-action':
      return [String(d.detail ?? 'an action the IoC type does not take')];
    case 'invalid-values':
      return (Array.isArray(d.invalid) ? d.invalid : []).slice(0, 8).map((i: { type?: string; value?: string; code?: string }) => `${String(i.type)} ${String(i.value).slice(0, 80)}: ${String(i.code)}`);
    default:
      return [refusal.reason];
  }
}
