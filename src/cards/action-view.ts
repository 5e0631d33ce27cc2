import type { ContainmentRequest } from '../containment/model';
import type { Fact } from './card-action';
import type { CardColor } from './verdict-card';

/** Where a request stands, in words, and the tone of the container that frames it. */
export interface RequestStatus {
  text: string;
  tone: CardColor;
}

/**
 * The card side of a response action (the presentation contract's words and facts): what the
 * approval card, the status line, the requester's news and the audit channel say about one kind.
 * The cards that use it (src/cards/approval-card.ts, request-status.ts, request-news-card.ts,
 * audit-words.ts) are written once and know no kind. Every string returned is card text: escape
 * outside text with `safeText` (src/cards/escape.ts).
 *
 * `R` is the kind's stored request type; the cards only hand a view its own kind's requests.
 */
export interface ActionCardView<R extends ContainmentRequest = ContainmentRequest> {
  /** The approval card's heading: what approving will do. */
  heading(request: R): string;
  /** The target line: its title ("SHA-256", "Device") and value. */
  target(request: R): { title: string; value: string };
  /** The request's own facts, shown before "Requested by". */
  facts(request: R): Fact[];
  /** A warning for the approver while the request waits (e.g. what approving replaces); '' for none. */
  waitingNotice?(request: R): string;
  /** Facts shown once it is decided, after the request's facts (e.g. the indicator it superseded). */
  decidedFacts?(request: R): Fact[];
  /** What MDE's id names: "Indicator", "Machine action" ("<noun> id", "done. <noun> <id>"). */
  mdeNoun: string;
  /** The status line once MDE accepted it, where the kind says more than "done" (a followed action). */
  succeeded?(request: R, by: string): RequestStatus;
  /** The title of the time MDE answered; default "Finished". */
  answeredTitle?(request: R): string;
  /** This kind's words for an execution note, where the shared ones would mislead; undefined: the shared ones. */
  noteText?(request: R): string | undefined;
  /** What was asked, in a few words after "your request to": "block file invoice.exe (275a…)". */
  what(request: R): string;
  /** The journal's codes for this kind as people read them in the audit channel and /audit. */
  words: ActionWords;
}

export interface ActionWords {
  /** The kind itself, e.g. "Block a file (indicator)". */
  kind: string;
  /** Its MDE operations (`mde.operation`, `error.operation`), e.g. indicators.submit → "Block file: submit a file indicator". */
  operations: Readonly<Record<string, string>>;
  /** Its pre-check refusals (`reason`), from the refusal entry's `detail`: undefined for a code it does not know. */
  refusal?(reason: string, detail: Record<string, unknown>): string | undefined;
  /** Its execution notes in the journal (`note`), where the shared words would mislead. */
  notes?: Readonly<Record<string, string>>;
  /** What its followed MDE action is called in the audit channel ("Isolation"), for kinds with follow-through. */
  followedAction?: string;
  /**
   * Labels for its own fields in journal data, by dotted path (`parameters.scanType`,
   * `mde.scanType`, `detail.target.machineId`), shown after the shared ones
   * (src/cards/audit-labels.ts); a field with no label shows its path.
   */
  labels?: Readonly<Record<string, string>>;
}

/** The views of the kinds this Verdict runs, by stored kind name (built from the registry). */
export interface ActionViews {
  /** The view for a request's kind; a request always has a registered kind (it would not load otherwise). */
  of(kind: string): ActionCardView;
  /** All of them by kind name, for words looked up by code rather than by request. */
  byKind(): ReadonlyMap<string, ActionCardView>;
}

/** The registry's views as a lookup; `kinds` are the stored names, in the registry's order. */
export function actionViews(list: readonly { kind: string; view: ActionCardView<any> }[]): ActionViews {
  const byKind = new Map<string, ActionCardView>(list.map((entry) => [entry.kind, entry.view as ActionCardView]));
  return {
    of(kind) {
      const view = byKind.get(kind);
      if (!view) throw new Error(`no card view for the response action kind "${kind}"`);
      return view;
    },
    byKind: () => byKind,
  };
}
