import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Card } from '../../src/cards/card';
import { NO_BUTTONS } from '../../src/cards/approval-card';
import { auditEntryCard } from '../../src/cards/audit-entry-card';
import { auditListCard } from '../../src/cards/audit-list-card';
import { auditRootCard } from '../../src/cards/audit-channel-card';
import { hashSummaryCards } from '../../src/cards/hash-summary-card';
import { verdictCard } from '../../src/cards/verdict-card';
import type { AuditEntry } from '../../src/audit/journal';
import { REQUEST_STATES } from '../../src/containment/model';
import { containmentRequestSchema, approvalCard } from '../support/stored-request';
import { summariseLookups } from '../../src/triage/bulk-summary';
import { decideVerdict } from '../../src/triage/verdict';
import { cardNodes, type CardNode } from '../support/card-nodes';
import { FILES } from '../support/mde-fixtures';

/**
 * Teams renders `warning` text about 1.5:1 and `good` text about 2:1 on its light background
 * (WCAG asks 4.5:1): a tone must be carried by words, weight and a styled container, never by
 * yellow or green text.
 */
const UNREADABLE = new Set(['warning', 'good']);
const CONTAINER_STYLES = new Set(['default', 'emphasis', 'good', 'attention', 'warning', 'accent']);

const textBlocks = (card: unknown) => cardNodes(card).filter((n) => n.type === 'TextBlock');
const styled = (card: unknown) => cardNodes(card).filter((n) => (n.type === 'Container' || n.type === 'Column') && n.style !== undefined);

const TEMPLATES = join(__dirname, '../../cards');

describe('card colours are readable', () => {
  it.each(readdirSync(TEMPLATES).filter((f) => f.endsWith('.json')))('when template %s is read, then no TextBlock is yellow or green or takes its colour from data', (file) => {
    const template: unknown = JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8'));
    for (const block of textBlocks(template)) {
      const color = block.color as string | undefined;
      expect(UNREADABLE.has(color ?? '')).toBe(false);
      expect(color ?? '').not.toContain('${');
    }
  });

  const SHA = FILES.malware.sha256;
  const request = (state: string, extra: object = {}) =>
    containmentRequestSchema.parse({
      id: 'req_ABCdef123456789012345', kind: 'block-file', state, tenantId: 't',
      requester: { aadObjectId: 'a1', name: 'Alex' }, createdAt: '2026-03-02T09:00:00.000Z', expiresAt: '2026-03-02T10:00:00.000Z', reason: 'r',
      target: { sha256: SHA }, parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 't', description: 'd' },
      conversation: { id: 'c' }, history: [], revision: 0,
      ...(state === 'requested' || state === 'expired' ? {} : { decision: { by: { aadObjectId: 'm1', name: 'Megan' }, at: '2026-03-02T09:10:00.000Z' } }),
      ...extra,
    });
  const entry = (type: AuditEntry['type'], data: Record<string, unknown> = {}): AuditEntry => ({ seq: 3, at: '2026-03-02T09:10:00.000Z', type, actor: { name: 'Megan' }, requestId: 'req_ABCdef123456789012345', data, prev: '0'.repeat(64), hash: 'a'.repeat(64) });
  const entries = [
    entry('containment.succeeded'), entry('containment.refused', { verb: 'approve', reason: 'four-eyes' }), entry('containment.denied'), entry('containment.failed'),
    entry('containment.action-status', { to: 'Succeeded' }), entry('containment.action-status', { to: 'Cancelled' }),
  ];

  const rendered: [string, Card][] = [
    ...Object.entries(FILES).map(([name, file]): [string, Card] => [`verdict ${name}`, verdictCard({ hash: { value: file.sha256, type: 'sha256' }, file, verdict: decideVerdict(file), portalUrl: 'https://security.microsoft.com' })]),
    ...REQUEST_STATES.map((state): [string, Card] => [`approval ${state}`, approvalCard({ request: request(state), buttons: NO_BUTTONS })]),
    ...hashSummaryCards({
      summary: summariseLookups([
        ...Object.values(FILES).map((file) => ({ hash: { value: file.sha256, type: 'sha256' as const }, outcome: { kind: 'file' as const, file } })),
        { hash: { value: 'b'.repeat(64), type: 'sha256' }, outcome: { kind: 'failed', reason: 'timeout' } },
      ]),
      totalFound: 5,
    }).map((card, i): [string, Card] => [`summary ${i}`, card]),
    ...entries.map((e): [string, Card] => [`audit ${e.type} ${String(e.data.to ?? '')}`, auditEntryCard(e, { possibleRepeat: true })]),
    ['audit root', auditRootCard(entry('containment.requested'), entry('containment.succeeded'))],
    ['audit list', auditListCard(entries, 9)],
  ];

  it.each(rendered)('when the %s card is rendered, then no text is yellow or green and every container style is a real one', (_name, card) => {
    for (const block of textBlocks(card)) expect(UNREADABLE.has(String(block.color ?? ''))).toBe(false);
    for (const node of styled(card)) expect(CONTAINER_STYLES.has(String(node.style))).toBe(true);
  });

  it('when a file is Suspicious or Clean, then its label sits in a warning or good container, in words', () => {
    const label = (file: (typeof FILES)[keyof typeof FILES]) => {
      const card = verdictCard({ hash: { value: file.sha256, type: 'sha256' }, file, verdict: decideVerdict(file), portalUrl: 'https://security.microsoft.com' });
      const box = styled(card).find((n: CardNode) => textBlocks(n).length > 0);
      return { style: box?.style, text: textBlocks(box)[0]?.text, weight: textBlocks(box)[0]?.weight };
    };
    expect(label(FILES.pua)).toEqual({ style: 'warning', text: 'Suspicious', weight: 'Bolder' });
    expect(label(FILES.clean)).toEqual({ style: 'good', text: 'Clean', weight: 'Bolder' });
    expect(label(FILES.malware)).toEqual({ style: 'attention', text: 'Malicious', weight: 'Bolder' });
  });
});
