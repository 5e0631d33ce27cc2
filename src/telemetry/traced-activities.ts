import type { Telemetry } from './telemetry';

/** Activity types a turn span may name; anything else (outside data) is `other`. */
const ACTIVITY_TYPES: ReadonlySet<string> = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event']);

/**
 * The root span of a turn, around the edge's activity handler. Only the activity's type and
 * channel are read: never its text, ids or sender.
 */
export function tracedActivities<R>(handle: (activity: unknown, authorization: string) => Promise<R>, telemetry: Telemetry) {
  if (!telemetry.enabled) return handle;
  return (activity: unknown, authorization: string): Promise<R> => {
    const a = (activity ?? {}) as { type?: unknown; channelId?: unknown };
    const type = typeof a.type === 'string' && ACTIVITY_TYPES.has(a.type) ? a.type : 'other';
    const channel = a.channelId === 'msteams' || a.channelId === 'webchat' || a.channelId === 'emulator' ? a.channelId : 'other';
    return telemetry.span('verdict.activity', { 'activity.type': type, 'activity.channel': channel }, () => handle(activity, authorization));
  };
}
