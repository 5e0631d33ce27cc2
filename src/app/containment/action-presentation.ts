import { actionViews, type ActionCardView, type ActionViews } from '../../cards/action-view';
import { auditWordsOf, type AuditWords } from '../../cards/audit-words';
import type { Card } from '../../cards/card';
import type { ContainmentRequest } from '../../containment/model';
import type { AppDeps } from '../deps';
import type { ActionHandler } from '../router';
import type { Capability } from '../../access/roles';
import type { ContainmentRole } from '../../containment/ports';

/**
 * The app side of a response action (the presentation contract): its card words (`view`), the
 * form handler(s) that ask for it, what a refused click on its form aimed at, and the card the
 * requester asked from, redrawn as the request moves on. The router, the click handlers, the
 * approval presenter and the requester's news are written once and find a kind only here.
 */
export interface ActionPresentation<R extends ContainmentRequest = ContainmentRequest> {
  /** The stored kind name, as the domain kind's `kind`. */
  kind: string;
  view: ActionCardView<R>;
  /**
   * The form's "Send for approval" handlers (verbs in src/cards/card-verbs.ts). The router
   * journals a refusal of these as `request` of this kind.
   */
  requestHandlers: readonly ActionHandler[];
  /** What a refused form click aimed at, each field only when well-formed (card data is untrusted), for the journal. */
  clickFacts(data: Record<string, unknown>): Record<string, unknown>;
  /** The card the requester clicked (`conversation.originActivityId`), redrawn as the request stands now. */
  originCard(request: R, deps: AppDeps): Promise<Card>;
}

/** The kinds' presentations as the app looks them up. Built once, in main.ts, from the registry. */
export interface ActionPresentations {
  views: ActionViews;
  /** Their codes in words, for the audit channel and /audit. */
  words: AuditWords;
  of(kind: string): ActionPresentation;
  /**
   * Every form handler of every kind, for the router, each gated by the capability of the role
   * its kind's policy (with ACTION_POLICY) says may request it.
   */
  handlers(): readonly ActionHandler[];
  /** The kind whose form a verb belongs to (for journaling a refused click). */
  kindOfVerb(verb: string): ActionPresentation | undefined;
}

/** The capability a role grants for asking (src/access/roles.ts): the router's gate before the service's own check. */
const ASKS_WITH: Readonly<Record<ContainmentRole, Capability>> = { reader: 'lookup', responder: 'request-containment', approver: 'decide-containment' };

/**
 * `requestRole`: who may request each kind under its effective policy (its default, or
 * ACTION_POLICY's); a kind not in it keeps its handlers' own `requires`.
 */
export function actionPresentations(list: readonly ActionPresentation<any>[], requestRole: ReadonlyMap<string, ContainmentRole> = new Map()): ActionPresentations {
  const byKind = new Map<string, ActionPresentation>(list.map((p) => [p.kind, p as ActionPresentation]));
  const byVerb = new Map<string, ActionPresentation>();
  for (const p of list) for (const h of p.requestHandlers) byVerb.set(h.verb, p as ActionPresentation);
  const views = actionViews(list);
  return {
    views,
    words: auditWordsOf(views),
    of(kind) {
      const found = byKind.get(kind);
      if (!found) throw new Error(`no presentation for the response action kind "${kind}"`);
      return found;
    },
    handlers: () =>
      list.flatMap((p) => {
        const role = requestRole.get(p.kind);
        return role ? p.requestHandlers.map((h) => ({ ...h, requires: ASKS_WITH[role] })) : p.requestHandlers;
      }),
    kindOfVerb: (verb) => byVerb.get(verb),
  };
}
