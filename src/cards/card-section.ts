import type { CardAction, Fact } from './card-action';
import type { CardColor } from './verdict-card';

/**
 * A titled block a card can carry below its own content, e.g. a verdict card's "Devices with this
 * file" after a pivot. Every string is already escaped by whoever built the section.
 */
export interface CardSection {
  title: string;
  /** Shown when there is nothing else to show, e.g. "No devices in your org have this file." */
  empty: string;
  /** One heading (coloured) and one detail line each; optionally buttons (e.g. "Isolate …" on a device). */
  items: { heading: string; color: CardColor; detail: string; actions?: CardAction[] }[];
  facts: Fact[];
  /** e.g. "…and 12 more"; '' for none. */
  more: string;
}

/** The section as templates bind it: every field defined, with the flags `$when` needs. */
export interface CardSectionView extends CardSection {
  items: { heading: string; color: CardColor; detail: string; actions: CardAction[]; hasActions: boolean }[];
  hasEmpty: boolean;
  hasFacts: boolean;
  hasMore: boolean;
}

export function sectionView(section: CardSection | undefined): { hasSection: boolean; section: CardSectionView } {
  const s = section ?? { title: '', empty: '', items: [], facts: [], more: '' };
  return {
    hasSection: section !== undefined,
    section: { ...s, items: s.items.map((i) => ({ ...i, actions: i.actions ?? [], hasActions: (i.actions ?? []).length > 0 })), hasEmpty: s.empty !== '', hasFacts: s.facts.length > 0, hasMore: s.more !== '' },
  };
}
