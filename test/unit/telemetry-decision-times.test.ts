import { timedDecisions } from '../../src/telemetry/decision-times';
import { noTelemetry, type Telemetry } from '../../src/telemetry/telemetry';

/** A journal stand-in whose entries are stamped with the times given, in order. */
function journalAt(...times: string[]) {
  let i = 0;
  return { append: async (entry: { type: string; requestId?: string; data: Record<string, unknown> }) => ({ ...entry, at: times[i++] ?? '' }) };
}

function recording(): { telemetry: Telemetry; recorded: { value: number; attributes: unknown }[] } {
  const recorded: { value: number; attributes: unknown }[] = [];
  return { recorded, telemetry: { ...noTelemetry, enabled: true, record: (_name, value, attributes) => void recorded.push({ value, attributes }) } };
}

describe('approval time-to-decision', () => {
  it('when a request is approved 90 s after it was journaled, then 90 s is recorded with its kind and decision', async () => {
    const { telemetry, recorded } = recording();
    const journal = timedDecisions(journalAt('2026-03-02T09:00:00.000Z', '2026-03-02T09:01:30.000Z'), telemetry);
    await journal.append({ type: 'containment.requested', requestId: 'r1', data: { kind: 'block-file' } });
    await journal.append({ type: 'containment.approved', requestId: 'r1', data: { kind: 'block-file' } });
    expect(recorded).toEqual([{ value: 90, attributes: { 'containment.kind': 'block-file', 'containment.decision': 'approved' } }]);
  });

  it('when a decision comes for a request opened before a restart, or a refusal is journaled, then nothing is recorded', async () => {
    const { telemetry, recorded } = recording();
    const journal = timedDecisions(journalAt('2026-03-02T09:00:00.000Z', '2026-03-02T09:00:05.000Z'), telemetry);
    await journal.append({ type: 'containment.denied', requestId: 'unknown', data: {} });
    await journal.append({ type: 'containment.refused', requestId: 'unknown', data: {} });
    expect(recorded).toEqual([]);
  });

  it('when telemetry is off, then the journal is returned as it is', () => {
    const journal = journalAt();
    expect(timedDecisions(journal, noTelemetry)).toBe(journal);
  });
});
