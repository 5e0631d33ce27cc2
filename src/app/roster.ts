/** Someone in a conversation, as Teams lists them. */
export interface RosterMember {
  /** Teams MRI ("29:…"): what Teams' refresh.userIds take. */
  id: string;
  aadObjectId?: string;
  name?: string;
}

/** Who is in a conversation (a channel's: its team's). Implemented in src/teams over the connector. */
export interface ConversationRoster {
  /** Everyone, or undefined when there are more than `limit` (not worth listing). */
  members(ref: { conversationId: string; serviceUrl: string }, limit: number): Promise<RosterMember[] | undefined>;
}
