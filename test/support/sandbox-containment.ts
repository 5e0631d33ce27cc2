import type { IndicatorSubmission } from '../../src/mde/containment-ports';
import type { PortalIndicatorInit, Sandbox } from '../../src/sandbox';
import type { Conversation } from './conversation';

/*
 * Containment tests on the sandbox's real routes: what MDE received, what a person did in the
 * portal, and how MDE misbehaves next, all through the conversation's own sandbox (the bot reaches
 * it with the real MDE client, msal-node and containment gateways).
 */

export function sandboxOf(conv: Conversation): Sandbox {
  const sandbox = conv.built.sandbox;
  if (!sandbox) throw new Error('this conversation runs without the sandbox (MDE_MODE is not sandbox)');
  return sandbox;
}

/** The bodies of the indicator POSTs MDE's route answered, oldest first: what reached Defender. */
export const indicatorPosts = (conv: Conversation): IndicatorSubmission[] =>
  sandboxOf(conv)
    .received()
    .filter((r) => r.method === 'POST' && r.path.toLowerCase() === '/indicators')
    .map((r) => r.body as IndicatorSubmission);

/** An indicator someone made in the portal before Verdict was asked. */
export const portalIndicator = (conv: Conversation, init: PortalIndicatorInit): string => sandboxOf(conv).portal.addIndicator(init);

/** MDE answers the next indicator POST with this error (its code and correlation id as given); GETs are untouched. */
export const failNextIndicatorPost = (conv: Conversation, error: { status: number; code?: string; target?: string }): void =>
  sandboxOf(conv).faults.inject({ family: 'indicators', method: 'POST', type: 'status', ...error });

/** MDE takes `ms` longer to answer the next indicator POST (it still makes the indicator). */
export const slowNextIndicatorPost = (conv: Conversation, ms: number): void =>
  sandboxOf(conv).faults.inject({ family: 'indicators', method: 'POST', type: 'latency', ms });

/** The id of the indicator MDE holds on `value`, read back over GET /api/indicators. */
export async function indicatorIdOn(conv: Conversation, value: string): Promise<string> {
  const found = await conv.built.mde.gateways.indicators.findExisting(value);
  if (!found) throw new Error(`MDE holds no indicator on ${value}`);
  return found.id;
}
