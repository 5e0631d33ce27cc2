/**
 * Teams refuses bot messages above a size limit (about 100 KB today, 40 KB in older docs, 28 KB
 * for connectors and webhooks: teams-platform §4). Cards stay under the lowest figure so they
 * post anywhere; bulk cards aim a little lower to leave room for the message envelope.
 */
export const CARD_MAX_BYTES = 28_000;
export const BULK_CARD_TARGET_BYTES = 25_000;

/** The card's size as sent: UTF-8 bytes of its JSON. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
