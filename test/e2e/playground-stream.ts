import type { Page, WebSocket } from 'playwright-core';

/**
 * What the Playground page hears from its server, taken off its two WebSockets:
 * - `/_ws_conversation/v1/conversations/stream`: `{ action: 'createMessage', actionConversationId,
 *   message: { messageId, from, attachments } }` for every message a bot posts, and
 *   `action: 'updateMessage'` (same shape) when it updates one; an update changes the card's
 *   content, not its position.
 * - `/_ws/log/stream`: the Log Panel, `{ logAction: 'appendLog', log: { activityName, from, to,
 *   request.body, response.statusCode } }` for every activity in either direction.
 * Cards are queued in arrival order (the order the chat renders them). Failures are an HTTP
 * status >= 400 either way (the bot failed a message, the Playground refused the bot's reply) and
 * uncaught errors in the page. Invokes are left out: their status is the card action's semantic
 * answer (botbuilder sends the invoke response's statusCode as the HTTP status), which the
 * harness returns from the click instead.
 */
export interface StreamedCard {
  messageId: string;
  conversationId: string;
  /** Position among the adaptive cards of its conversation, i.e. in the rendered chat. */
  position: number;
  /** The card as last posted or updated by the bot. */
  content: unknown;
}

export interface PlaygroundStream {
  /** Cards received so far in a conversation. */
  cards(conversationId: string): StreamedCard[];
  /** Cards in every conversation whose id starts with `prefix` (a channel and its threads), in arrival order. */
  cardsIn(prefix: string): StreamedCard[];
  /** Failures seen so far (each a readable line). */
  failures(): string[];
  /** Resolves with the first defined result of `probe` (re-run on every event); rejects on timeout or when it throws. */
  until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T>;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

interface LogItem {
  activityName?: string;
  from?: string;
  to?: string;
  conversationId?: string;
  displayText?: string;
  response?: { statusCode?: number; body?: unknown };
}

export function attachPlaygroundStream(page: Page, botId: string): PlaygroundStream {
  const byConversation = new Map<string, StreamedCard[]>();
  const failures: string[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  const onConversationFrame = (payload: string) => {
    const frame = JSON.parse(payload) as {
      action?: string;
      actionConversationId?: string;
      message?: { messageId?: string; from?: { id?: string }; attachments?: Array<{ contentType?: string; content?: unknown }> };
    };
    const conversationId = frame.actionConversationId ?? '';
    const cards = byConversation.get(conversationId) ?? [];
    if (frame.action === 'updateMessage') {
      // The bot updated a message it sent (updateActivity): the chat re-renders it in place, so
      // the card keeps its position and only its content changes.
      const updated = frame.message?.attachments?.find((a) => a.contentType === ADAPTIVE);
      for (const card of cards) if (updated && card.messageId === frame.message?.messageId) card.content = updated.content;
      return;
    }
    // Proactive posts made with an empty app id (local) may carry no bot id; users are always 29:….
    const from = frame.message?.from?.id ?? '';
    if (frame.action !== 'createMessage' || (from !== botId && from.startsWith('29:'))) return;
    for (const attachment of frame.message?.attachments ?? []) {
      if (attachment.contentType !== ADAPTIVE) continue;
      cards.push({ messageId: frame.message?.messageId ?? '', conversationId, position: cards.length, content: attachment.content });
    }
    byConversation.set(conversationId, cards);
  };

  const onLogFrame = (payload: string) => {
    const { log } = JSON.parse(payload) as { log?: LogItem };
    const status = log?.response?.statusCode;
    if (!log || status === undefined || status < 400 || log.activityName === 'invoke') return;
    const body = JSON.stringify(log.response?.body ?? '').slice(0, 300);
    failures.push(`${log.from} → ${log.to}: ${log.activityName} answered HTTP ${status} ${body}`);
  };

  const onSocket = (ws: WebSocket) => {
    const handler = ws.url().includes('/_ws_conversation/') ? onConversationFrame : ws.url().includes('/_ws/log/') ? onLogFrame : undefined;
    if (!handler) return;
    ws.on('framereceived', ({ payload }) => {
      try {
        handler(String(payload));
      } catch (err) {
        failures.push(`unreadable Playground frame (${(err as Error).message}): ${String(payload).slice(0, 200)}`);
      }
      notify();
    });
  };
  page.on('websocket', onSocket);
  page.on('pageerror', (err) => {
    failures.push(`uncaught error in the Playground page: ${err.message}`);
    notify();
  });

  return {
    cards: (conversationId) => [...(byConversation.get(conversationId) ?? [])],
    cardsIn: (prefix) => [...byConversation.entries()].filter(([id]) => id.startsWith(prefix)).flatMap(([, cards]) => cards),
    failures: () => [...failures],
    until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          let value: T | undefined;
          try {
            value = probe();
          } catch (err) {
            done();
            reject(err);
            return;
          }
          if (value !== undefined) {
            done();
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
