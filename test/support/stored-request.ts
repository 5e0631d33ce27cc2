import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { approvalCard as drawApprovalCard, type ApprovalCardInput } from '../../src/cards/approval-card';
import { requestNewsCard as drawRequestNews } from '../../src/cards/request-news-card';
import type { CardUpdater } from '../../src/app/card-updater';
import type { ContainmentApp } from '../../src/app/deps';
import type { AuditEntry } from '../../src/audit/journal';
import { auditEntryCard as drawAuditEntry, auditEntryTitle as titleOf, type AuditEntryCardOptions } from '../../src/cards/audit-entry-card';
import { auditListCard as drawAuditList } from '../../src/cards/audit-list-card';
import { createApprovalPresenter as createPresenter } from '../../src/app/containment/approval-presenter';
import { blockFileRequestSchema, type BlockFileRequest } from '../../src/response-actions/block-file/request';
import { isolateRequestSchema, type IsolateRequest } from '../../src/response-actions/isolate-device/request';
import { blockFilePresentation } from '../../src/response-actions/block-file/presentation';
import { isolateDevicePresentation } from '../../src/response-actions/isolate-device/presentation';
import { actionPresentations } from '../../src/app/containment/action-presentation';
import { actionKinds } from '../../src/containment/action-kind';
import { transitionEntry as journalEntry } from '../../src/containment/audit-entries';
import { responseActions } from '../../src/response-actions/registry';

/**
 * Fixtures of the kinds Verdict runs, parsed as the repository loads them (each by its kind's own
 * stored schema), and the kinds' card views: what tests of cards and app code draw requests with.
 */
export const containmentRequestSchema = z.discriminatedUnion('kind', [blockFileRequestSchema, isolateRequestSchema]);
export type ContainmentRequest = BlockFileRequest | IsolateRequest;
export type ContainmentKind = ContainmentRequest['kind'];

/** The registry's presentations (without MDE ports: only the kinds' domain side needs those). */
export const ACTIONS = actionPresentations([blockFilePresentation, isolateDevicePresentation]);
export const VIEWS = ACTIONS.views;
/** The view of a request's kind, for approvalCard({ request, view: viewOf(request), … }). */
export const viewOf = (request: { kind: string }) => VIEWS.of(request.kind);

/** The approval card of a fixture, with its kind's view (as the app passes it). */
export const approvalCard = (input: Omit<ApprovalCardInput, 'view'>) => drawApprovalCard({ ...input, view: viewOf(input.request) });
/** The requester's news of a fixture, with its kind's view. */
export const requestNewsCard = (request: ContainmentRequest) => drawRequestNews(request, viewOf(request));
/** The approval presenter over the registry's views. */
export const createApprovalPresenter = (cards: CardUpdater | undefined, log: Logger) => createPresenter(cards, log, VIEWS, { fourEyes: true, words: ACTIONS.words });

/** A ContainmentApp as main.ts builds it (registry presentations, one presenter over `cards`), for app unit tests. */
export function containmentApp(over: Omit<ContainmentApp, 'actions' | 'presenter'>): ContainmentApp {
  return { ...over, actions: ACTIONS, presenter: createPresenter(over.cards, pino({ level: 'silent' }), VIEWS, { fourEyes: over.fourEyes, words: ACTIONS.words }) };
}

const unused = () => {
  throw new Error('no MDE in this test');
};
/** The registry's domain kinds over ports that must not be called (journal words, validation). */
export const KINDS = actionKinds(responseActions({ indicators: { findExisting: unused, activeCount: unused, submit: unused }, machines: { pendingIsolation: unused, isolationNow: unused, isolate: unused, findRecentIsolation: unused, getAction: unused } }).map((a) => a.kind));
/** The journal entry for a fixture's newest step, in its kind's words. */
export const transitionEntry = (request: ContainmentRequest, extra?: Record<string, unknown>) => journalEntry(KINDS.get(request.kind)!, request, extra);

/** The registry's words for the journal's codes, as the audit trail and /audit are given them. */
export const WORDS = ACTIONS.words;
/** Audit cards as Verdict draws them: with the registry's words. */
export const auditEntryCard = (entry: AuditEntry, options: AuditEntryCardOptions = {}) => drawAuditEntry(entry, { words: WORDS, ...options });
export const auditEntryTitle = (entry: Pick<AuditEntry, 'type' | 'data'>) => titleOf(entry, WORDS);
export const auditListCard = (entries: readonly AuditEntry[], headSeq: number) => drawAuditList(entries, headSeq, WORDS);
