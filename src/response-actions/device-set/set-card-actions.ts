import type { ActionPolicy } from '../../containment/action-kind';
import type { CardAction } from '../../cards/card-action';
import { deviceActionFormAction } from '../../cards/device-action-form';
import type { Access } from '../../app/access';
import { DEVICE_ACTIONS } from './actions';

const ASKS = { scan: 'scanType', isolate: 'isolationType', tag: 'tag', quarantine: 'sha1' } as const;

/**
 * The forms a device set card offers a viewer: every device action whose (configured) policy
 * lets their role request it. The server checks the role again on the click.
 */
export function deviceActionsFor(overrides: ReadonlyMap<string, ActionPolicy>) {
  return (setId: string, access: Access, count = 0, sha1?: string): CardAction[] =>
    DEVICE_ACTIONS.flatMap((spec) => {
      const policy = overrides.get(spec.kind) ?? spec.policy;
      if (!access.roles.has(policy.requestRole)) return [];
      const asks = (ASKS as Record<string, 'scanType' | 'isolationType' | 'tag' | 'sha1'>)[spec.action] ?? null;
      return [deviceActionFormAction({ setId, count, verb: spec.verb, title: spec.title, asks, runsAtOnce: policy.approval === 'none', ...(sha1 ? { sha1 } : {}) })];
    });
}
