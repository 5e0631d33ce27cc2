import type { CloudAdapter } from 'botbuilder';
import type { ConversationRoster, RosterMember } from '../app/roster';
import { channelOf } from '../util/thread-id';
import { connectorOf, inProactiveTurn } from './proactive';

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
      const conversationId = channelOf(ref.conversationId);
      return inProactiveTurn({ adapter: opts.adapter, appId: opts.appId, serviceUrl: ref.serviceUrl, conversationId }, async (context) => {
        const connector = connectorOf<PagedMembers>(opts.adapter, context);
        const members: RosterMember[] = [];
        let continuationToken: string | undefined;
        do {
          const page = await connector.conversations.getConversationPagedMembers(conversationId, { pageSize: PAGE_SIZE, continuationToken });
          for (const m of page.members ?? []) if (m.id) members.push({ id: m.id, aadObjectId: m.aadObjectId, name: m.name });
          if (members.length > limit) return undefined;
          continuationToken = page.continuationToken;
        } while (continuationToken);
        return members;
      });
    },
  };
}
