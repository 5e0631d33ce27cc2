/** Every human-visible string in a card (text, titles, fact titles/values), in document order. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'value', 'fallbackText'].includes(key)) out.push(value);
      else walk(value);
    }
  };
  walk(card);
  return out.join('\n');
}

/** The Adaptive Card content of a message activity, or undefined. */
export function cardOf(activity: { attachments?: { contentType?: string; content?: unknown }[] } | undefined): Record<string, unknown> | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}
