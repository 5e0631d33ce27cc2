import { DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

/**
 * An activity from Alex Wilber in his personal chat with Verdict, as Teams posts it to
 * /api/messages, replies going to `serviceUrl`; `extra` adds or overrides fields (type, text, …).
 */
export const personalActivity = (serviceUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  channelId: 'msteams',
  serviceUrl,
  id: 'incoming-1',
  from: { id: '29:alex', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' },
  recipient: { id: '28:verdict', name: 'Verdict' },
  conversation: { id: 'personal-1', conversationType: 'personal' },
  channelData: { tenant: { id: DEMO_TENANT_ID } },
  ...extra,
});
