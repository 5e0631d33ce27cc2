import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { HUNTING_FORBIDDEN_NOTE } from '../../src/app/bulk-lookup';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256 } from '../../src/sandbox/demo-tenant';
import { cardFacts, executeActions } from '../support/card-nodes';
import { cardOf, cardText } from '../support/card-text';
import { cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  // Faults are injected per test: every lookup must reach the sandbox, not the verdict cache.
  conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0' });
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const unseen = (i: number) => createHash('sha256').update(`advisory-unseen-${i}`).digest('hex');
const defang = (sha: string) => `hxxps://files[.]example/${sha.toUpperCase()}`;

/** 30 distinct hashes (24 SHA-256, 3 SHA-1, 3 MD5), written the ways advisories write them, with repeats. */
const ADVISORY = [
  'Threat advisory TA-2025-11: indicators of compromise',
  `- dropper (SHA-256): ${DEMO_FILES.malware.sha256}`,
  `- bundler (SHA-1): ${DEMO_FILES.pua.sha1}`,
  `- also seen: ${defang(DEMO_FILES.clean.sha256)}`,
  `- loader: "${DEMO_FILES.unknown.sha256}"`,
  `- stager: ${DEMO_NOT_FOUND_SHA256};`,
  ...Array.from({ length: 19 }, (_, i) => `  ${unseen(i)}`),
  `- sha1s: ${DEMO_FILES.malware.sha1}, ${DEMO_FILES.clean.sha1}`,
  `- md5s: ${DEMO_FILES.malware.md5} ${DEMO_FILES.pua.md5} ${DEMO_FILES.unknown.md5}`,
  `- repeated: ${DEMO_FILES.malware.sha256.toUpperCase()} ${DEMO_FILES.pua.sha1} ${unseen(3)}`,
  `- extra: ${unseen(100)}`,
].join('\n');

/** The summary (the first reply); a coverage card follows it unless the lookup failed as a whole. */
const summaryOf = (replies: Partial<Activity>[]) => {
  expect(replies.length).toBeGreaterThanOrEqual(1);
  const card = cardOf(replies[0]);
  return { card, text: cardText(card) };
};

describe('a pasted advisory', () => {
  it('when 30 hashes are pasted, then the progress message becomes one summary with counts per file and the dangerous first', async () => {
    const replies = await conv.send(message(`/hash ${ADVISORY}`));
    const { card, text } = summaryOf(replies);
    expect(conv.updates.at(-1)?.id).toBe(replies[0]?.id);
    // The SHA-256, SHA-1 and MD5 of one file are one row: 30 hashes, 25 files.
    expect(text).toMatch(/^Verdicts for 30 hashes \(25 files\)\n/);
    // The three MD5s resolve through hunting to the malware, PUA and unknown files the demo devices saw.
    expect(cardFacts(card)).toEqual({
      Malicious: '1',
      Suspicious: '1',
      Unknown: '1',
      Clean: '1',
      'Not found': '21',
    });
    const rows = executeActions(card);
    // Every row (one per file) has a Details button but the 21 hashes MDE never saw.
    expect(rows).toHaveLength(4);
    expect(text).toContain('Virus:DOS/EICAR\\_Test\\_File; same file as the pasted SHA-1 and MD5');
    expect(rows.slice(0, 2).map((a) => a.data.sha)).toEqual([DEMO_FILES.malware.sha256, DEMO_FILES.pua.sha1]);
    expect(text).not.toContain(HUNTING_FORBIDDEN_NOTE);
  });

  it('when 30 hashes are pasted, then Graph hunting answers them (the MD5s, then one query per hash kind), with no file lookups and no MDE hunting call', async () => {
    const before = conv.built.sandbox?.stats().byFamily ?? {};
    await conv.send(message(`/hash ${ADVISORY}`));
    const after = conv.built.sandbox?.stats().byFamily ?? {};
    // One MD5 mapping query; FileProfile() takes one id column, so SHA-1s and SHA-256s are two more.
    expect((after['graph-hunting'] ?? 0) - (before['graph-hunting'] ?? 0)).toBe(3);
    expect((after.hunting ?? 0) - (before.hunting ?? 0)).toBe(0);
    expect((after.files ?? 0) - (before.files ?? 0)).toBe(0);
  });

  it('when advanced hunting is refused (Graph, then the MDE endpoint), then every hash is looked up one by one and the summary names ThreatHunting.Read.All, once', async () => {
    // Every hunting query (the MD5s', then the FileProfile batch) is refused by Graph and by the MDE endpoint.
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 403, code: 'Forbidden', times: 2 });
    conv.built.sandbox?.faults.inject({ family: 'hunting', type: 'status', status: 403, code: 'Forbidden', times: 2 });
    const before = conv.built.sandbox?.stats().byFamily.files ?? 0;
    const { card, text } = summaryOf(await conv.send(message(`/hash ${ADVISORY}`)));
    expect(text.split(HUNTING_FORBIDDEN_NOTE)).toHaveLength(2);
    expect(HUNTING_FORBIDDEN_NOTE).toContain('ThreatHunting.Read.All');
    expect(text).toContain("MD5s were not resolved: Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All). Each MD5's Details has a query to run by hand.");
    // The MD5s are not resolved, but the profiles of their files (looked up by SHA) name them: one row per file.
    expect(cardFacts(card)).toEqual({ Malicious: '1', Suspicious: '1', Unknown: '1', Clean: '1', 'Not found': '21' });
    expect((conv.built.sandbox?.stats().byFamily.files ?? 0) - before).toBe(27);
  });

  it('when one lookup fails, then its row says so and the rest of the summary is there', async () => {
    conv.built.sandbox?.faults.inject({ family: 'files', type: 'status', status: 400, code: 'InvalidRequestBody' });
    const { card, text } = summaryOf(await conv.send(message(`/hash ${DEMO_FILES.malware.sha256} ${DEMO_FILES.clean.sha256} ${DEMO_FILES.pua.sha256}`)));
    expect(cardFacts(card)).toMatchObject({ 'Lookup failed': '1' });
    expect(text).toMatch(/lookup failed: Defender rejected the request/);
  });

  it('when MDE refuses the whole batch, then the progress message becomes the error card', async () => {
    conv.built.sandbox?.faults.inject({ family: 'files', type: 'status', status: 403, code: 'Forbidden', times: 4 });
    const { text } = summaryOf(await conv.send(message(`/hash ${DEMO_FILES.malware.sha256} ${DEMO_FILES.clean.sha256} ${DEMO_FILES.pua.sha256}`)));
    expect(text).toMatch(/missing a Defender permission/);
    expect(text).toContain('File.Read.All');
  });

  it('when a summary row’s Details is clicked, then that hash’s verdict comes as a new message with its pivots, and the summary stays', async () => {
    const { card } = summaryOf(await conv.send(message(`/hash ${ADVISORY}`)));
    const [first] = executeActions(card);
    const replies = await conv.send(cardClick(first?.verb ?? '', first?.data ?? {}));
    // The invoke is answered with a line, not a card: the client keeps the summary as it is.
    expect(invokedCard(replies)).toBeUndefined();
    const answer = replies.find((r) => r.type === 'invokeResponse')?.value as { body?: { type?: string; value?: unknown } };
    expect(answer.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/^Opened the verdict for [0-9a-f]{16}… below/) });
    expect(conv.updates).toEqual([]);
    const verdict = cardOf(replies.find((r) => r.type === 'message'));
    expect(cardText(verdict)).toMatch(/^Malicious\n/);
    // Alex is a responder, so the block form (under "Request block") comes first.
    expect(executeActions(verdict).map((a) => `${a.title}:${String(a.data.sha)}`)).toEqual([
      `Send for approval:${DEMO_FILES.malware.sha256}`,
      `Devices:${DEMO_FILES.malware.sha1}`,
      `Alerts:${DEMO_FILES.malware.sha1}`,
      `In our org:${DEMO_FILES.malware.sha1}`,
    ]);
  });
});
