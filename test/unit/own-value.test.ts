import { coversAction } from '../../src/response-actions/block-file/indicator-strength';
import { auditEntryCard } from '../../src/cards/audit-entry-card';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { cardText } from '../support/card-text';

/* Values from outside that name Object.prototype members are looked up as any unknown value. */
describe('lookups keyed by outside data', () => {
  it('when Defender reports an indicator action "constructor", then it is an unknown action (counts as covering), not a rank', () => {
    for (const action of ['constructor', 'toString', '__proto__']) expect(coversAction(action, 'Block')).toBe(true);
  });

  it('when a journal entry carries "constructor" as its kind, status and a key, then its audit card shows them as text', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    const status = await journal.append({ type: 'containment.action-status', actor: { name: 'verdict' }, requestId: 'r-1', data: { to: 'constructor' } });
    const kind = await journal.append({ type: 'containment.refused', actor: { name: 'x' }, data: JSON.parse('{"kind":"toString","constructor":"x"}') });
    const statusCard = auditEntryCard(status);
    expect(JSON.stringify(statusCard)).toContain('"style":"default"');
    const text = cardText(auditEntryCard(kind));
    expect(text).toContain('toString');
    expect(text).toMatch(/constructor\nx/);
  });
});
