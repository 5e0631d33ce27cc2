import type { MdeError } from './errors';

/** User-facing text for an MDE failure; cards add the MDE code and correlation id. */
export interface MdeErrorText {
  title: string;
  detail: string;
  action: string;
}

const OPERATION_NAMES: Readonly<Record<string, string>> = {
  token: 'signing in to Entra',
  'files.get': 'the file lookup',
  'files.stats': 'the file statistics lookup',
  'files.machines': "the lookup of the file's devices",
  'files.alerts': "the lookup of the file's alerts",
  'alerts.get': 'the alert lookup',
  'alerts.files': "the lookup of the alert's files",
  'alerts.machine': "the lookup of the alert's device",
  'hunting.run': 'the advanced hunting query',
  'hunting.graph': 'the advanced hunting query (Microsoft Graph)',
  'indicators.list': 'the indicator lookup',
  'indicators.submit': 'submitting the file indicator',
  'indicators.delete': 'removing the indicator',
  'indicators.import': 'importing the indicators',
  'indicators.batchDelete': 'removing the indicators',
  'machines.get': 'the device lookup',
  'machines.isolate': 'the device isolation',
  'machines.unisolate': 'the release from isolation',
  'machines.scan': 'the antivirus scan',
  'machines.restrict': 'the app execution restriction',
  'machines.unrestrict': 'removing the app execution restriction',
  'machines.collect': 'the investigation package collection',
  'machines.quarantine': 'the stop and quarantine of the file',
  'machines.tag': 'the device tag change',
  'machines.tag-bulk': 'the device tag change (many devices)',
  'machines.by-name': 'the device lookup by name',
  'machineactions.package': 'the investigation package link',
  'machineactions.list': "the lookup of the device's actions",
  'machineactions.get': 'the machine action lookup',
};

const what = (err: MdeError) => OPERATION_NAMES[err.operation] ?? err.operation;

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function describeMdeError(err: MdeError): MdeErrorText {
  switch (err.kind) {
    case 'forbidden': {
      if (err.code === 'DisabledFeature') {
        return { title: 'This Defender feature is turned off', detail: `MDE refused ${what(err)}: the feature is disabled for this tenant.`, action: 'Ask a Defender admin to turn the feature on in the Defender portal settings.' };
      }
      const perms = list(err.permissions);
      // Graph's hunting permission lives on Microsoft Graph, not on WindowsDefenderATP.
      const api = err.operation === 'hunting.graph' ? 'Microsoft Graph' : 'WindowsDefenderATP';
      return perms
        ? { title: 'Verdict is missing a Defender permission', detail: `The Verdict app registration lacks ${perms}.`, action: `Ask an admin to grant ${err.permissions.length > 1 ? 'them' : 'it'} (${api} application permission) and give admin consent.` }
        : { title: 'Verdict is missing a Defender permission', detail: `MDE refused ${what(err)}.`, action: "Ask an admin to check the app registration's WindowsDefenderATP permissions and admin consent." };
    }
    case 'throttled': {
      const seconds = err.retryAfterMs !== undefined ? Math.max(1, Math.ceil(err.retryAfterMs / 1000)) : undefined;
      const when = seconds !== undefined ? `in ${seconds} s` : 'in a minute';
      return { title: 'Defender is rate-limiting Verdict', detail: `MDE is rate-limiting us; try again ${when}.`, action: `Try again ${when}. Large batches are spread out automatically.` };
    }
    case 'timeout':
      return { title: 'Defender did not answer in time', detail: `No answer for ${what(err)} in time.`, action: 'Try again in a moment. If it keeps happening, check the Microsoft 365 service health page.' };
    case 'unauthorized':
      return err.operation === 'token'
        ? { title: "Defender rejected Verdict's credentials", detail: `MDE rejected Verdict's credentials${err.code ? ` (${err.code})` : ''}: Entra would not issue a token.`, action: "Ask an admin to check the app registration's client secret or certificate (it may have expired), the client id and the tenant id." }
        : { title: "Defender rejected Verdict's credentials", detail: `MDE rejected Verdict's token for ${what(err)}${err.code ? ` (${err.code})` : ''}.`, action: 'Ask an admin to check that the app registration is in the same tenant as Defender and that admin consent was given.' };
    case 'server':
      return { title: 'Defender had an internal error', detail: `MDE failed ${what(err)}${err.status ? ` with HTTP ${err.status}` : ''}.`, action: 'Try again in a few minutes. If it persists, give Microsoft support the correlation id.' };
    case 'network':
      return { title: 'Verdict could not reach Defender', detail: err.operation === 'token' ? 'The Entra sign-in service could not be reached.' : 'The MDE API could not be reached.', action: "Check the bot's outbound network (DNS, proxy, firewall) and the configured cloud and API base URL." };
    case 'malformed':
      return { title: 'Defender sent an unexpected answer', detail: `MDE's answer to ${what(err)} did not have the expected shape.`, action: 'Try again. If it persists, report it with the correlation id: the MDE API may have changed.' };
    case 'not-found':
      return { title: 'Not found in Defender', detail: `MDE has no record for ${what(err)}.`, action: 'Check the identifier; it may never have been seen in your tenant.' };
    case 'bad-request':
      return err.code === 'InvalidHashValue'
        ? { title: 'Not a hash MDE can look up', detail: 'MDE looks files up by SHA-1 or SHA-256 only; MD5 and other values are not accepted.', action: 'Paste a SHA-1 (40 hex characters) or SHA-256 (64 hex characters) hash.' }
        : { title: 'Defender rejected the request', detail: `MDE rejected ${what(err)}${err.code ? ` (${err.code})` : ''}.`, action: 'Check the input. If it looks right, report it with the correlation id.' };
  }
}
