import { checkActivityEnvelope } from '../../src/teams/activity-envelope';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A personal-chat message as the Agents Playground sends it (its own extra fields included). */
const playgroundMessage = () => ({
  id: '7f1b0c7e-3d55-4d07-9b79-1f2a7c0f3b11',
  timestamp: '2026-12-02T13:00:00.000Z',
  channelId: 'msteams',
  serviceUrl: 'http://localhost:56150/_connector',
  recipient: { id: '00000000-0000-0000-0000-00000000000011', name: 'Verdict' },
  conversation: { id: 'personal-chat-alex', tenantId: TENANT },
  deliveryMode: 'normal',
  from: { id: 'user-id-0', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' },
  type: 'message',
  text: '/hash 44d88612fea8a8f36de82e1278abb02f',
  channelData: { source: { name: 'message' }, tenant: { id: TENANT } },
  entities: [{ locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Etc/UTC', type: 'clientInfo' }],
  locale: 'en-US',
  localTimezone: 'Etc/UTC',
});
type Body = Record<string, unknown>;
const drop = (key: string) => (a: Body) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== key));
const set = (extra: Body) => (a: Body) => ({ ...a, ...extra });
const invoke = (value: unknown) => set({ type: 'invoke', name: 'adaptiveCard/action', value });

describe('which activities pass the door (the envelope botbuilder and Verdict read)', () => {
  it.each<[string, (a: Body) => Body]>([
    ['a Playground message', (a) => a],
    ['a Teams channel message with an @mention', set({ entities: [{ type: 'mention', mentioned: { id: '28:verdict', name: 'Verdict' }, text: '<at>Verdict</at>' }], channelData: { tenant: { id: TENANT }, team: { id: '19:soc@thread.tacv2' }, channel: { id: '19:soc@thread.tacv2' } } })],
    ['an Action.Submit (card data as the message value)', set({ text: undefined, value: { verb: 'containment.approve', requestId: 'r-1' }, replyToId: 'card-1' })],
    ['a card click (adaptiveCard/action)', invoke({ action: { type: 'Action.Execute', verb: 'containment.approve', data: { requestId: 'r-1' } }, trigger: 'manual' })],
    ['a card refresh without data', invoke({ action: { type: 'Action.Execute', verb: 'containment.refresh' }, trigger: 'automatic' })],
    ['the bot added to a team', set({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:verdict' }], channelData: { tenant: { id: TENANT }, team: { id: '19:t', name: 'SOC', aadGroupId: 'g' }, eventType: 'teamMemberAdded' } })],
    ['an app install', set({ type: 'installationUpdate', action: 'add', channelData: { tenant: { id: TENANT }, team: { id: '19:t' } } })],
    ['a reaction', set({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: 'card-1' })],
    ['typing', set({ type: 'typing', text: undefined })],
    ['an invoke Verdict does not handle', set({ type: 'invoke', name: 'task/fetch', value: 'anything' })],
    ['nulls where a field is optional', set({ text: null, channelData: null, entities: null, replyToId: null })],
    ['fields named like Object built-ins', set(JSON.parse(`{"constructor":"x","channelData":{"__proto__":{"id":1},"tenant":{"id":"${TENANT}"}}}`) as Body)],
  ])('when %s arrives, then it passes unchanged', (_what, shape) => {
    const body = shape(playgroundMessage());
    const checked = checkActivityEnvelope(body);
    expect(checked).toEqual({ ok: true, activity: body });
    if (checked.ok) expect(checked.activity).toBe(body);
  });

  it.each<[string, (a: Body) => Body, string]>([
    // Issue 15, item 5: botbuilder would answer an activity without serviceUrl to api.botframework.com.
    ['no serviceUrl', drop('serviceUrl'), 'serviceUrl'],
    ['an empty serviceUrl', set({ serviceUrl: '' }), 'serviceUrl'],
    ['serviceUrl as an array', set({ serviceUrl: ['http://localhost:56150/'] }), 'serviceUrl'],
    ['a serviceUrl that is not http(s)', set({ serviceUrl: 'file:///etc/passwd' }), 'serviceUrl'],
    ['no type', drop('type'), 'type'],
    ['no id', drop('id'), 'id'],
    ['no channelId', drop('channelId'), 'channelId'],
    ['from as a string', set({ from: '29:alex' }), 'from'],
    ['a from id that is not a string', set({ from: { id: 7 } }), 'from.id'],
    ['no recipient', drop('recipient'), 'recipient'],
    ['a conversation without id', set({ conversation: { tenantId: TENANT } }), 'conversation.id'],
    ['a tenant that is a string', set({ channelData: { tenant: TENANT } }), 'channelData.tenant'],
    ['a team id that is an object', set({ channelData: { team: { id: {} } } }), 'channelData.team.id'],
    ['text as an object', set({ text: { length: 1 } }), 'text'],
    ['entities as a string', set({ entities: 'mention' }), 'entities'],
    ['an entity without type', set({ entities: [{}] }), 'entities.0.type'],
    ['a mention without the mentioned account', set({ entities: [{ type: 'Mention', text: '<at>x</at>' }] }), 'entities.0'],
    ['an Action.Submit value that is a list', set({ value: ['containment.approve'] }), 'value'],
    ['an Action.Submit value that is a string', set({ value: 'containment.approve' }), 'value'],
    ['membersAdded as a string', set({ type: 'conversationUpdate', membersAdded: '28:verdict' }), 'membersAdded'],
    ['a member without id', set({ type: 'conversationUpdate', membersRemoved: [{ name: 'Verdict' }] }), 'membersRemoved.0.id'],
    ['an invoke without name', set({ type: 'invoke', value: {} }), 'name'],
    ['a card click without value', invoke(undefined), 'value'],
    ['a card click whose value is a string', invoke('containment.approve'), 'value'],
    ['a card click whose action is null', invoke({ action: null }), 'value.action'],
    ['a card click that is not Action.Execute', invoke({ action: { type: 'Action.Submit', verb: 'x' } }), 'value.action.type'],
    ['a card click without verb', invoke({ action: { type: 'Action.Execute', data: {} } }), 'value.action.verb'],
    ['a file-consent invoke whose value is null', set({ type: 'invoke', name: 'fileConsent/invoke', value: null }), 'value'],
    ['a message-extension submit without value', set({ type: 'invoke', name: 'composeExtension/submitAction' }), 'value'],
    ['a card click whose data is a list', invoke({ action: { type: 'Action.Execute', verb: 'x', data: ['r-1'] } }), 'value.action.data'],
  ])('when an activity has %s, then it is refused, naming the field (never its value)', (_what, shape, path) => {
    const checked = checkActivityEnvelope(shape(playgroundMessage()));
    expect(checked).toEqual({ ok: false, issues: expect.arrayContaining([path]) });
  });

  it.each([null, [], 'message', 42])('when the body is %p, then it is refused', (body) => {
    expect(checkActivityEnvelope(body).ok).toBe(false);
  });
});
