import type { ActionPolicy } from '../../containment/action-kind';
import type { BulkKind } from '../../devices/bulk/bulk-action';
import { CARD_VERBS } from '../../cards/card-verbs';

/** One device response action as a kind: its stored name, form verb, words and default policy. */
export interface DeviceActionSpec {
  action: BulkKind;
  /** Stored kind name (never renamed). */
  kind: string;
  /** The form's verb (device set card). */
  verb: string;
  /** Button and heading words. */
  title: string;
  heading: string;
  /** The MDE operation(s) it makes, for the journal's words. */
  operation: string;
  policy: ActionPolicy;
}

const RESPONDER_NOW: ActionPolicy = { requestRole: 'responder', approval: 'none' };
const APPROVED: ActionPolicy = { requestRole: 'responder', approval: 'four-eyes' };

/**
 * The device response kinds (issue 13). Defaults: AV scan and tagging run at once for
 * responders (journaled and posted like any action: the delegation case); isolate, release,
 * restrict, unrestrict, collect and stop-and-quarantine wait for an approver. ACTION_POLICY
 * overrides any of them by kind name.
 */
export const DEVICE_ACTIONS: readonly DeviceActionSpec[] = Object.freeze([
  { action: 'scan', kind: 'device-av-scan', verb: CARD_VERBS.devicesRequestAvScan, title: 'Antivirus scan', heading: 'Device response: antivirus scan', operation: 'machines.scan', policy: RESPONDER_NOW },
  { action: 'tag', kind: 'device-tag', verb: CARD_VERBS.devicesRequestTag, title: 'Add or remove a tag', heading: 'Device response: device tag', operation: 'machines.tag-bulk', policy: RESPONDER_NOW },
  { action: 'isolate', kind: 'device-set-isolate', verb: CARD_VERBS.devicesRequestIsolate, title: 'Isolate', heading: 'Device response: isolate devices', operation: 'machines.isolate', policy: APPROVED },
  { action: 'release', kind: 'device-release', verb: CARD_VERBS.devicesRequestRelease, title: 'Release from isolation', heading: 'Device response: release from isolation', operation: 'machines.unisolate', policy: APPROVED },
  { action: 'restrict', kind: 'device-restrict', verb: CARD_VERBS.devicesRequestRestrict, title: 'Restrict app execution', heading: 'Device response: restrict app execution', operation: 'machines.restrict', policy: APPROVED },
  { action: 'unrestrict', kind: 'device-unrestrict', verb: CARD_VERBS.devicesRequestUnrestrict, title: 'Remove app restriction', heading: 'Device response: remove the app restriction', operation: 'machines.unrestrict', policy: APPROVED },
  { action: 'collect', kind: 'device-collect-package', verb: CARD_VERBS.devicesRequestCollect, title: 'Collect investigation package', heading: 'Device response: collect investigation packages', operation: 'machines.collect', policy: APPROVED },
  { action: 'quarantine', kind: 'device-stop-quarantine', verb: CARD_VERBS.devicesRequestQuarantine, title: 'Stop and quarantine a file', heading: 'Device response: stop and quarantine a file', operation: 'machines.quarantine', policy: APPROVED },
]);
