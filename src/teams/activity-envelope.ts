import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The shape of an inbound activity, checked before botbuilder sees it: the SDK and our handlers
 * read these fields without checking their types, so a string where an object belongs turned
 * into a 500 with the SDK's error text, or into a turn that ran half-way. Only fields someone
 * reads are checked, and every object is loose: Teams adds fields, and unknown ones pass through.
 * Optional fields may be null (`?.` and `??` read both alike).
 */
const text = z.string().nullish();
const someId = z.string().min(1);

/** Only http(s): the replies (with Defender data) go to this URL. Which hosts: see service-url.ts. */
const serviceUrl = z.string().refine((url) => {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:';
});

const account = z.looseObject({ id: someId, name: text, aadObjectId: text });

const conversation = z.looseObject({ id: someId, name: text, conversationType: text, tenantId: text, isGroup: z.boolean().nullish() });

/** What Verdict and botbuilder's Teams handler read: tenant, team (install events), channel, eventType. */
const channelData = z.looseObject({
  tenant: z.looseObject({ id: text }).nullish(),
  team: z.looseObject({ id: text, name: text }).nullish(),
  channel: z.looseObject({ id: text, name: text }).nullish(),
  eventType: text,
});

/** botbuilder lower-cases every entity's type, and strips a mention's text for its account id. */
const mention = z.looseObject({ mentioned: z.looseObject({ id: z.string() }), text: z.string() });
const entity = z
  .looseObject({ type: z.string() })
  .refine((e) => e.type.toLowerCase() !== 'mention' || mention.safeParse(e).success, { message: 'a mention names an account and its text' });

const base = z.looseObject({
  type: z.string().min(1),
  id: someId,
  channelId: z.string().min(1),
  serviceUrl,
  from: account,
  recipient: account,
  conversation,
  channelData: channelData.nullish(),
  entities: z.array(entity).nullish(),
  text,
  replyToId: text,
  locale: text,
});

/** Card data: an object (Action.Submit merges inputs into it, Action.Execute carries it). */
const cardData = z.record(z.string(), z.unknown());

/** A click on Action.Execute (Universal Actions): the SDK reads `value.action.type` unguarded. */
const adaptiveCardAction = z.looseObject({
  action: z.looseObject({ type: z.literal('Action.Execute'), verb: z.string(), id: text, data: cardData.nullish() }),
  trigger: text,
});

const byType = new Map<string, z.ZodType>([
  // Action.Submit from older clients: the card data arrives as a message's value.
  ['message', z.looseObject({ value: cardData.nullish() })],
  ['conversationUpdate', z.looseObject({ membersAdded: z.array(account).nullish(), membersRemoved: z.array(account).nullish() })],
  ['installationUpdate', z.looseObject({ action: text })],
  ['messageReaction', z.looseObject({ reactionsAdded: z.array(z.looseObject({ type: text })).nullish(), reactionsRemoved: z.array(z.looseObject({ type: text })).nullish() })],
  // A nameless invoke is an Action.Submit with msteams.type "invoke": Verdict's cards send none.
  ['invoke', z.looseObject({ name: z.string().min(1) })],
]);

/**
 * Invokes Verdict does not handle, but whose value botbuilder's Teams handler dereferences before
 * answering 501 (`value.action`, `value.botMessagePreviewAction`): a missing or null value was a 500.
 */
const READS_VALUE = new Set(['fileConsent/invoke', 'composeExtension/submitAction']);
const invokeValue = z.looseObject({ value: z.looseObject({}) });

export type EnvelopeCheck = { ok: true; activity: Activity } | { ok: false; issues: string[] };

/**
 * Checks an inbound body and returns it unchanged (not zod's copy: botbuilder gets exactly what
 * was sent). `issues` are field paths, for the log; values are never repeated.
 */
export function checkActivityEnvelope(body: unknown): EnvelopeCheck {
  const parsed = base.safeParse(body);
  if (!parsed.success) return refused(parsed.error);
  const type = parsed.data.type;
  const forType = byType.get(type)?.safeParse(body);
  if (forType && !forType.success) return refused(forType.error);
  if (type === 'invoke' && parsed.data.name === 'adaptiveCard/action') {
    const value = adaptiveCardAction.safeParse(parsed.data.value);
    if (!value.success) return refused(value.error, 'value');
  }
  if (type === 'invoke' && READS_VALUE.has(String(parsed.data.name))) {
    const value = invokeValue.safeParse(body);
    if (!value.success) return refused(value.error);
  }
  return { ok: true, activity: body as Activity };
}

function refused(error: z.ZodError, prefix?: string): EnvelopeCheck {
  const issues = error.issues.map((i) => [prefix, ...i.path.map(String)].filter((p) => p !== undefined).join('.') || '(body)');
  return { ok: false, issues: [...new Set(issues)] };
}
