import type { Activity } from 'botbuilder';
import { DEMO_PUA_BLOCK_INDICATOR } from '../../src/sandbox/demo-indicators';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { cardFacts } from '../support/card-nodes';
import { cardOf, cardText } from '../support/card-text';
import { message, startConversation, type Conversation } from '../support/conversation';

/** The coverage card a pasted advisory gets: detections, custom indicators, known-benign values and the quota. */
let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0' });
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const ADVISORY = [
  'TA-2026-12: IoCs',
  `dropper ${DEMO_FILES.malware.sha256} / ${DEMO_FILES.malware.sha1} / ${DEMO_FILES.malware.md5}`,
  `bundler ${DEMO_FILES.pua.sha256}`,
  'payload hxxp://evil-dl[.]top/a.exe',
  'C2 45.13.227[.]12 and evil-c2(.)top, staging 10.0.0.5',
  'block 45.13.227.0/24',
  'updates via download.windowsupdate.com',
  `ref https://www.virustotal.com/gui/file/${EMPTY_SHA256}`,
].join('\n');

const coverageOf = (replies: Partial<Activity>[]) => {
  const card = cardOf(replies.at(-1));
  const text = cardText(card);
  expect(text).toMatch(/^Coverage of/);
  return { card, text };
};

const importDomain = (value: string, action = 'Block') =>
  conv.built.deps.indicators?.import([{ indicatorValue: value, indicatorType: 'DomainName', action, title: 'Earlier advisory', description: 'test', severity: 'High' }]);

describe('the coverage card of a pasted advisory', () => {
  it('when a mixed advisory is pasted, then one card tells detected, under an indicator, not covered and benign apart, with the quota', async () => {
    const { card, text } = coverageOf(await conv.send(message(ADVISORY)));
    // The malware's three hashes are one file; the empty-content hash, the private IP, the update
    // service and the reference site are benign; the CIDR range is refused.
    expect(text).toMatch(/^Coverage of 9 IoCs\n/);
    // toMatchObject: Alex is a responder, so the "Block the 3 not covered" form (its choices read as facts) is there too.
    expect(cardFacts(card)).toMatchObject({
      'Not covered': '3',
      'Under a custom indicator': '1',
      "Detected by Defender's own detection": '1',
      'Known benign (not offered for blocking)': '4',
      'Refused (Defender would not take them)': '1',
    });
    expect(text).toContain('Custom indicators: 1 of 15,000 used. Blocking the 3 not covered would bring it to 4.');
    expect(text).toContain(`FileSha256: ${DEMO_FILES.pua.sha256}`);
    expect(text).toContain(`Block #${DEMO_PUA_BLOCK_INDICATOR.id} by SecOps Lead, never expires`);
    expect(text).toContain("covered by Defender's own detection: Virus:DOS/EICAR\\_Test\\_File");
    expect(text).toContain('the SHA-256 of empty content');
    // Markdown escaping keeps "45." at a line start from becoming a numbered list.
    expect(text).toContain('45\\.13.227.0/24: a CIDR range');
    for (const value of ['Url: http://evil-dl.top/a.exe', 'IpAddress: 45.13.227.12', 'DomainName: evil-c2.top']) expect(text).toContain(value);
    expect(text).toMatch(/IpAddress: 10\.0\.0\.5\n.*private/);
  });

  it('when a network IoC already has a custom indicator Verdict made, then its row names the indicator and "Verdict", and the quota counts it', async () => {
    const made = await importDomain('known-c2.top', 'Audit');
    expect(made?.[0]?.isFailed).toBe(true); // Audit without generateAlert is refused by MDE…
    await conv.built.deps.indicators?.import([{ indicatorValue: 'known-c2.top', indicatorType: 'DomainName', action: 'Warn', title: 'Earlier', description: 'test' }]);
    const { card, text } = coverageOf(await conv.send(message('beacons to known-c2[.]top and new-c2[.]top')));
    expect(cardFacts(card)).toMatchObject({ 'Under a custom indicator': '1', 'Not covered': '1' });
    expect(text).toMatch(/DomainName: known-c2\.top\nWarn #\d+ by Verdict, never expires/);
    expect(text).toContain('Custom indicators: 2 of 15,000 used. Blocking the 1 not covered would bring it to 3.');
  });

  it('when only network IoCs are pasted without a command, then the answer is the coverage card alone', async () => {
    const replies = await conv.send(message('seen: hxxps://login-micrоsoft[.]top/x'));
    expect(replies).toHaveLength(1);
    expect(coverageOf(replies).text).toContain('Url: https://xn--login-micrsoft-');
  });

  it('when Defender refuses the indicator list, then the verdicts still come and the coverage card names Ti.ReadWrite.All and shows no quota', async () => {
    conv.built.sandbox?.faults.inject({ family: 'indicators', type: 'status', status: 403, code: 'Forbidden' });
    const replies = await conv.send(message(`/hash ${DEMO_FILES.malware.sha256} ${DEMO_FILES.clean.sha256}`));
    expect(cardText(cardOf(replies[0]))).toMatch(/^Verdicts for 2 hashes/);
    const { text } = coverageOf(replies);
    expect(text).toContain('Custom indicators could not be read');
    expect(text).toContain('Ti.ReadWrite.All');
    expect(text).not.toContain('of 15,000 used');
  });

  it('when a malware file also carries a custom indicator, then the card says that quota is spent on what Defender already detects', async () => {
    await conv.built.deps.indicators?.import([{ indicatorValue: DEMO_FILES.malware.sha1, indicatorType: 'FileSha1', action: 'Block', title: 'Old', description: 'test' }]);
    const { text } = coverageOf(await conv.send(message(`/hash ${DEMO_FILES.malware.sha256} ${DEMO_FILES.clean.sha256}`)));
    expect(text).toContain('1 of the detected files also carry a custom indicator');
    expect(text).toMatch(/Block #\d+ by Verdict/);
  });
});
