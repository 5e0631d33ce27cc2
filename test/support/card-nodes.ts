/** Walking rendered cards in unit tests. */
export type CardNode = Record<string, unknown> & { type?: string; text?: string; title?: string; value?: string; id?: string };

/** Every object in a card, depth first, in document order. */
export function cardNodes(value: unknown): CardNode[] {
  if (Array.isArray(value)) return value.flatMap(cardNodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as CardNode, ...Object.values(value).flatMap(cardNodes)];
}

/** Every Action.Execute in a card, show cards and action sets included. */
export function executeActions(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  return cardNodes(card)
    .filter((n) => n.type === 'Action.Execute')
    .map((n) => ({ title: String(n.title), verb: String(n.verb), data: (n.data ?? {}) as Record<string, unknown> }));
}

/** FactSet rows as title → value. */
export function cardFacts(card: unknown): Record<string, string> {
  return Object.fromEntries(cardNodes(card).filter((n) => typeof n.title === 'string' && typeof n.value === 'string' && !n.type).map((n) => [n.title, n.value]));
}

/** Texts of TextBlocks, in order. */
export function cardTexts(card: unknown): string[] {
  return cardNodes(card).flatMap((n) => (n.type === 'TextBlock' && typeof n.text === 'string' ? [n.text] : []));
}

/**
 * The style of the innermost Container or Column that holds the TextBlock reading `text`: cards
 * carry a tone (attention, warning, good) in a styled container, never in the text's colour.
 */
export function toneOf(card: unknown, text: string): string | undefined {
  const walk = (node: unknown, style: string | undefined): string | undefined | null => {
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = walk(item, style);
        if (found !== null) return found;
      }
      return null;
    }
    if (typeof node !== 'object' || node === null) return null;
    const n = node as CardNode;
    if (n.type === 'TextBlock' && n.text === text) return style;
    const inner = (n.type === 'Container' || n.type === 'Column') && typeof n.style === 'string' ? n.style : style;
    return walk(Object.values(n), inner);
  };
  return walk(card, undefined) ?? undefined;
}
