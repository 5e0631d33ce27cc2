import type { ActionKind, ActionPolicy } from '../../containment/action-kind';
import type { IndicatorGateway } from '../../mde/containment-ports';
import { checkExistingIndicator } from './existing-indicator';
import { indicatorSubmission } from './indicator-submission';
import { blockFileInput, checkBlockFile, MAX_INDICATOR_LIFETIME_MS } from './input';
import { blockFileRequestSchema, type BlockFileRequest } from './request';

/** Status recorded for an indicator MDE holds: indicators have no status of their own. */
export const INDICATOR_ACTIVE = 'Active';

/** Above this share of the indicator cap the approval card warns about quota. */
export const QUOTA_WARNING_RATIO = 0.8;

export interface Quota {
  used: number;
  limit: number;
  /** At or above the warning ratio: the card should say so. */
  nearLimit: boolean;
}

export interface BlockFileOptions {
  indicators: IndicatorGateway;
  /** MDE's active-indicator cap per tenant (15,000). */
  indicatorLimit?: number;
  /** The latest indicator expiry a request may ask for, from now (a year). */
  maxIndicatorLifetimeMs?: number;
}

export const BLOCK_FILE_POLICY: ActionPolicy = { requestRole: 'responder', approval: 'four-eyes' };

/**
 * Block a file: a file-hash indicator (POST /api/indicators), by a responder, approved by an
 * approver. Pre-checks: a live indicator that already does it refuses; a weaker or opposite one
 * goes to the approver as `supersedes`; a full quota refuses unless MDE updates in place.
 */
export function blockFileKind(options: BlockFileOptions): ActionKind<BlockFileRequest> {
  const { indicators } = options;
  const limit = options.indicatorLimit ?? 15_000;
  return {
    kind: 'block-file',
    stored: blockFileRequestSchema,
    storedFacts: ['supersedes'],
    input: blockFileInput,
    check: (input, context) => checkBlockFile(input, context, options.maxIndicatorLifetimeMs ?? MAX_INDICATOR_LIFETIME_MS),
    policy: BLOCK_FILE_POLICY,
    async precheck(input, context) {
      // Refused only when a live indicator already does at least what is asked; a weaker or opposite
      // one (e.g. Allowed, when Block is asked) goes to the approver as `supersedes`.
      const existing = await checkExistingIndicator(indicators, input.target, input.parameters.action, context.now);
      if (existing.covered) return { ok: false, reason: 'already-blocked', detail: { existing: existing.covered } };
      const supersedes = existing.supersedes;
      const used = await indicators.activeCount();
      const quota: Quota = { used, limit, nearLimit: used >= limit * QUOTA_WARNING_RATIO };
      // Updating an indicator in place does not add one, so a full quota does not stop it.
      if (used >= limit && !supersedes?.replaced) return { ok: false, reason: 'quota-exceeded', detail: { quota } };
      return supersedes ? { ok: true, facts: { supersedes }, notes: { quota } } : { ok: true, notes: { quota } };
    },
    callSummary(request) {
      const { indicatorValue, indicatorType, action, expirationTime, severity, generateAlert, rbacGroupNames } = indicatorSubmission(request);
      return { operation: 'indicators.submit', indicatorValue, indicatorType, action, expirationTime, severity, generateAlert, rbacGroupNames };
    },
    async execute(request) {
      const { id } = await indicators.submit(indicatorSubmission(request));
      return { type: 'succeed', mdeId: id, status: INDICATOR_ACTIVE };
    },
    /** Counts only an indicator with the action we asked for and not yet expired. */
    async evidence(request, context) {
      const wanted = indicatorSubmission(request);
      const existing = await indicators.findExisting(wanted.indicatorValue);
      if (!existing) return { found: false, detail: 'no indicator on the hash' };
      if (existing.action !== wanted.action) return { found: false, detail: `indicator ${existing.id} has action ${existing.action}, not ${wanted.action}` };
      if (existing.expirationTime && Date.parse(existing.expirationTime) <= context.now()) return { found: false, detail: `indicator ${existing.id} has expired` };
      return { found: true, mdeId: existing.id, mdeStatus: INDICATOR_ACTIVE };
    },
  };
}
