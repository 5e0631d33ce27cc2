import type { RunningVerdict } from '../main';
import { DEMO_ALERTS } from '../sandbox/demo-alerts';
import { DEMO_FILES } from '../sandbox/demo-tenant';

type BannerApp = Pick<RunningVerdict, 'url' | 'sandbox'> & {
  config: Pick<RunningVerdict['config'], 'mde' | 'audit' | 'stateDir'>;
};

/** What `npm start` prints once everything listens: where things are, and the demo to try. */
export function banner(app: BannerApp, requester: { url: string }, approver: { url: string } | undefined): string {
  const lines = [
    '',
    '  Verdict is running.',
    `  Bot:        ${app.url}/api/messages   (health: ${app.url}/healthz)`,
    `  MDE:        ${app.config.mde.mode === 'sandbox' ? `embedded sandbox at ${app.sandbox?.apiBaseUrl}` : `live tenant (${app.config.mde.cloud})`}`,
    `  Audit:      ${app.config.audit.channelId ? `channel ${app.config.audit.channelId}` : 'journal only (no AUDIT_CHANNEL_ID)'}; journal ${app.config.stateDir}/audit.jsonl`,
    '',
    '  Open the Teams Playground:',
    `    ${requester.url}   as Alex Wilber, a responder: look things up, ask for containment`,
  ];
  if (approver) lines.push(`    ${approver.url}   as Megan Bowen, an approver: team SOC > "Verdict audit" shows each request with Approve / Deny`);
  if (app.config.mde.mode === 'sandbox') {
    lines.push(
      '  and try, as Alex:',
      `    /hash ${DEMO_FILES.malware.sha256}   (malicious: EICAR test file; then Request block)`,
      `    /hash ${DEMO_FILES.clean.sha256}   (clean: Microsoft-signed binary)`,
      `    /hash ${DEMO_FILES.unknown.sha256}   (unknown to MDE's verdicts)`,
      `    /alertfiles ${DEMO_ALERTS.eicar.alert.id}   (an alert's files and device; then Request isolation)`,
      '    /devices query DeviceInfo | where DeviceName startswith "fleet-000"   (a device set: scan, tag, isolate, release…)',
      '    /indicators   (the tenant\'s custom indicators, the quota, and which ones Defender already covers)',
      '    /help   (paste an advisory with hashes, URLs, domains and IPs to see its coverage)',
    );
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
