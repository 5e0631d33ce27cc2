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

/**
 * A card as a reader meets it, one line each, in document order: its texts, its facts
 * ("title: value"), its inputs, and its actions with their verbs ("[Approve] containment.approve"),
 * show-cards opened in place. Layout (spacing, columns, styles) is left out on purpose, so a
 * snapshot of this changes only when what the card says or offers does. `data: true` adds what
 * each button sends besides its verb (e.g. the hash a Details button opens).
 */
export function cardOutline(card: unknown, options: { data?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, depth));
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const pad = '  '.repeat(depth);
    const type = typeof n.type === 'string' ? n.type : '';
    if (type === 'TextBlock' && typeof n.text === 'string') out.push(pad + n.text);
    else if (!type && typeof n.title === 'string' && typeof n.value === 'string') out.push(`${pad}${n.title}: ${n.value}`);
    else if (type.startsWith('Input.')) out.push(`${pad}<${type} ${String(n.id)}${typeof n.label === 'string' ? ` "${n.label}"` : ''}>`);
    else if (type.startsWith('Action.')) {
      const target = type === 'Action.Execute' || type === 'Action.Submit' ? String(n.verb ?? JSON.stringify(n.data ?? {})) : type === 'Action.OpenUrl' ? String(n.url) : type;
      const sent = options.data && n.verb !== undefined && n.data && typeof n.data === 'object' && Object.keys(n.data).length ? ` ${JSON.stringify(n.data)}` : '';
      out.push(`${pad}[${String(n.title)}] ${target}${sent}`);
      if (n.card) walk(n.card, depth + 1);
      return;
    }
    if (n.refresh && typeof n.refresh === 'object') {
      const r = n.refresh as { action?: { verb?: string }; userIds?: string[] };
      out.push(`${pad}(refresh ${String(r.action?.verb)}${r.userIds ? ` for ${r.userIds.length}` : ''})`);
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'refresh' && typeof value === 'object') walk(value, depth);
  };
  walk(card, 0);
  return out;
}
