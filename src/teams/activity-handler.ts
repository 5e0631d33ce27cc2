import type { Activity, TurnContext } from 'botbuilder';
import type { Admission, VerdictAdapter } from './adapter';

/**
 * What the HTTP server does with an activity that passed its door checks: authenticate it and run
 * the turn. Opaque to the server, so the SDK's types stay in src/teams.
 */
export type ActivityHandler = (activity: unknown, authorization: string) => Promise<Admission>;

/** The adapter's admission, running `run` (the bot's turn) for an authenticated activity. */
export function activityHandler(adapter: Pick<VerdictAdapter, 'admit'>, run: (context: TurnContext) => Promise<void>): ActivityHandler {
  // The server checked the envelope (activity-envelope.ts) before handing it on.
  return (activity, authorization) => adapter.admit(activity as Activity, authorization, run);
}
