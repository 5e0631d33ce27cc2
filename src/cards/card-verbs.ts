/**
 * The verbs Verdict's Action.Execute buttons carry, matched exactly by the router (STYLE habit 3).
 * The card data next to a verb is untrusted input: handlers validate it before use.
 */
export const CARD_VERBS = {
  /** data { sha }: the verdict card for that SHA-256, SHA-1 (or the MD5 card). */
  fileVerdict: 'file.verdict',
  /** data { sha }: that file's verdict card as a new message; the clicked card (a summary) stays. */
  fileOpen: 'file.open',
  /** data { sha }: SHA-1 only; the verdict card plus the devices that have the file. */
  fileDevices: 'file.devices',
  /** data { sha }: SHA-1 only; the verdict card plus the alerts that involve the file. */
  fileAlerts: 'file.alerts',
  /** data { sha }: SHA-1 only; the verdict card plus the file's prevalence in the org. */
  fileStats: 'file.stats',
  /** data { sha } + the form's inputs: a responder asks to block the file (SHA-256 or SHA-1). */
  containmentRequestBlock: 'containment.request-block',
  /** data { machineId } + the form's inputs: a responder asks to isolate the device (40-hex id). */
  containmentRequestIsolation: 'containment.request-isolation',
  /** data { requestId }: an approver approves; the request runs at once. */
  containmentApprove: 'containment.approve',
  /** data { requestId } + input `comment`: an approver refuses. */
  containmentDeny: 'containment.deny',
  /** data { requestId }: the requester withdraws the request. */
  containmentCancel: 'containment.cancel',
  /** data { setId } + the form's inputs: a responder asks to block an advisory's uncovered IoCs (a stored set). */
  indicatorsBlockRequest: 'indicators.block-request',
  /** data { setId } + the form's inputs: a responder asks to remove a stored set of indicators (e.g. the redundant ones). */
  indicatorsRemoveRequest: 'indicators.remove-request',
  /** data { setId } + the form's inputs: a responder asks to extend a stored set of indicators' expiry. */
  indicatorsExtendRequest: 'indicators.extend-request',
  /** data { requestId }: the card's refresh; the approval card as this viewer may see it. */
  containmentView: 'containment.view',
  /** data { setId }: every device of a device set card, as list cards under it. */
  devicesList: 'devices.list',
  /** data { sha }: SHA-1; the devices that have the file as a device set card (Devices pivot). */
  devicesFromFile: 'devices.from-file',
  /** data { machineId, sha? }: the alert's device (/alertfiles) as a device set card, quarantine form holding the SHA-1. */
  devicesFromAlert: 'devices.from-alert',
  /** data { requestId, machineId }: an approver fetches a collected investigation package's link. */
  devicesPackageLink: 'devices.package-link',
  /** data { setId } + the form's inputs: a device action over a device set (src/response-actions/device-set/actions.ts). */
  devicesRequestAvScan: 'devices.request-av-scan',
  devicesRequestTag: 'devices.request-tag',
  devicesRequestIsolate: 'devices.request-isolate',
  devicesRequestRelease: 'devices.request-release',
  devicesRequestRestrict: 'devices.request-restrict',
  devicesRequestUnrestrict: 'devices.request-unrestrict',
  devicesRequestCollect: 'devices.request-collect',
  devicesRequestQuarantine: 'devices.request-quarantine',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/**
 * Several rows of one card carry a button each; giving each a distinct title (with the start of
 * its hash) lets a screen reader, and a person, tell them apart.
 */
export function rowButtonTitle(verbTitle: string, hash: string): string {
  return `${verbTitle} ${hash.slice(0, 8)}`;
}

/** A hash shortened for a summary row; the full value is a click away. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}
