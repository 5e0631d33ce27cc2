import { planBlock, type BlockChoices, type BlockTarget } from '../../src/response-actions/block-indicators/plan';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const CHOICES: BlockChoices = { fileAction: 'Block', networkAction: 'Block', severity: 'High', expiresInDays: 30, title: 'TA-2026-12', description: 'Advisory', rbacGroupNames: [] };
const SHA256 = 'ab'.repeat(32);
const domains = (n: number): BlockTarget[] => Array.from({ length: n }, (_, i) => ({ type: 'DomainName', value: `d${i}.evil.top` }));

describe('planning a bulk block', () => {
  it.each<[string, Partial<BlockChoices>, BlockTarget[], string]>([
    ['BlockAndRemediate for a network indicator', { networkAction: 'BlockAndRemediate' }, [{ type: 'Url', value: 'http://evil.top/a' }], 'unsupported-action'],
    ['Warn for a file', { fileAction: 'Warn' }, [{ type: 'FileSha256', value: SHA256 }], 'unsupported-action'],
    ['Allowed for a file (not a block)', { fileAction: 'Allowed' }, [{ type: 'FileSha256', value: SHA256 }], 'unsupported-action'],
    ['nothing at all', {}, [], 'nothing-to-block'],
  ])('when asked for %s, then it is refused before anything is sent (%s)', (_what, over, targets, reason) => {
    expect(planBlock(targets, { ...CHOICES, ...over }, { used: 0 }, NOW)).toMatchObject({ ok: false, reason });
  });

  it('when BlockAndRemediate is chosen for files and the set holds only files, then it is allowed', () => {
    expect(planBlock([{ type: 'FileSha256', value: SHA256 }], { ...CHOICES, fileAction: 'BlockAndRemediate', networkAction: 'BlockAndRemediate' }, { used: 0 }, NOW).ok).toBe(true);
  });

  it('when values MDE would reject are in the set, then the whole set is refused, naming each value and its error', () => {
    const plan = planBlock(
      [
        { type: 'IpAddress', value: '45.13.227.0/24' },
        { type: 'Url', value: 'javascript:alert(1)' },
        { type: 'DomainName', value: 'no_underscores.top' },
        { type: 'FileSha1', value: SHA256 },
        { type: 'DomainName', value: 'fine.top' },
      ],
      CHOICES,
      { used: 0 },
      NOW,
    );
    expect(plan).toEqual({
      ok: false,
      reason: 'invalid-values',
      invalid: [
        { type: 'IpAddress', value: '45.13.227.0/24', code: 'InvalidIpAddress' },
        { type: 'Url', value: 'javascript:alert(1)', code: 'InvalidUrl' },
        { type: 'DomainName', value: 'no_underscores.top', code: 'InvalidDomainName' },
        { type: 'FileSha1', value: SHA256, code: 'InvalidHashValue' },
      ],
    });
  });

  it('when the set would pass 15,000 active indicators, then it is refused with the numbers', () => {
    expect(planBlock(domains(3), CHOICES, { used: 14_998 }, NOW)).toEqual({ ok: false, reason: 'over-cap', used: 14_998, adding: 3, cap: 15_000 });
    expect(planBlock(domains(2), CHOICES, { used: 14_998 }, NOW).ok).toBe(true);
  });

  it('when 1,001 IoCs (with repeats) are planned, then they go in import calls of 500, 500 and 1, each with the form\'s fields', () => {
    const plan = planBlock([...domains(1_001), { type: 'DomainName', value: 'D0.EVIL.top' }], { ...CHOICES, networkAction: 'Audit', rbacGroupNames: ['Servers'] }, { used: 0 }, NOW);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.batches.map((b) => b.length)).toEqual([500, 500, 1]);
    expect(plan.items[0]).toEqual({
      indicatorValue: 'd0.evil.top',
      indicatorType: 'DomainName',
      action: 'Audit',
      generateAlert: true,
      title: 'TA-2026-12',
      description: 'Advisory',
      severity: 'High',
      expirationTime: '2027-01-01T12:00:00.000Z',
      rbacGroupNames: ['Servers'],
    });
  });
});
