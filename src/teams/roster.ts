import type { CloudAdapter } from 'botbuilder';
import type { ConversationRoster, RosterMember } from '../app/roster';

/** Teams' largest page of members. */
const PAGE_SIZE = 500;

/** The part of botframework-connector's ConnectorClient used here (not a direct dependency). */
interface PagedMembers {
  conversations: {
    getConversationPagedMembers(conversationId: string, options: { pageSize?: number; continuationToken?: string }): Promise<{ continuationToken?: string; members?: { id?: string; aadObjectId?: string; name?: string }[] }>;
  };
}

/**
 * A conversation's members through the Bot Connector (`GET …/pagedmembers`), outside any turn, so
 * the same works for a chat Verdict answers in and for the audit channel. A channel thread's id
 * (`19:…;messageid=…`) is listed as its channel.
 */
export function createTeamsRoster(opts: { adapter: CloudAdapter; appId: string; trustServiceUrl: (url: string) => boolean }): ConversationRoster {
  return {
    async members(ref, limit) {
      if (!opts.trustServiceUrl(ref.serviceUrl)) throw new Error('not calling a connector endpoint Verdict does not trust in this mode');
      const conversationId = ref.conversationId.split(';')[0] ?? ref.conversationId;
      let listed: RosterMember[] | undefined;
      let failure: unknown;
      await opts.adapter.continueConversationAsync(
        opts.appId,
        { channelId: 'msteams', serviceUrl: ref.serviceUrl, conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' }, bot: { id: opts.appId, name: 'Verdict' } },
        async (context) => {
          try {
            const connector = context.turnState.get<PagedMembers>(opts.adapter.ConnectorClientKey);
            const members: RosterMember[] = [];
            let continuationToken: string | undefined;
            do {
              const page = await connector.conversations.getConversationPagedMembers(conversationId, { pageSize: PAGE_SIZE, continuationToken });
              for (const m of page.members ?? []) if (m.id) members.push({ id: m.id, aadObjectId: m.aadObjectId, name: m.name });
              if (members.length > limit) return;
              continuationToken = page.continuationToken;
            } while (continuationToken);
            listed = members;
          } catch (err) {
            // The adapter's onTurnError would swallow it: carry it out of the turn instead.
            failure = err;
          }
        },
      );
      if (failure !== undefined) throw failure;
      return listed;
    },
  };
}
