import type { Card } from '../../src/cards/card';
import { internalErrorCard } from '../../src/cards/error-card';
import { noticeCard } from '../../src/cards/notice-card';
import { problemCard } from '../../src/cards/problem-card';
import { helpCard } from '../../src/cards/help-card';
import { md5Card, md5ResolvedSection, md5UnseenCard } from '../../src/cards/md5-card';
import { usageCard } from '../../src/cards/usage-card';
import { COMMANDS, MDE_PROBLEM, USAGE_EXAMPLES } from '../support/card-samples';
import { cardOutline } from '../support/card-text';

const MD5 = '44d88612fea8a8f36de82e1278abb02f';
const HOSTILE = '[x](http://evil) **bold** ${$root.x} </script>\n\n# injected';
const HOSTILE_ESCAPED = '\\[x\\](http://evil) \\*\\*bold\\*\\* ${$root.x} \\</script\\> # injected';

const usage = USAGE_EXAMPLES;
const commands = COMMANDS;

type Node = { type?: string; text?: string; fontType?: string; color?: string; title?: string; value?: string };
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}
const texts = (card: Card) => nodes(card).flatMap((n) => (n.text === undefined ? [] : [n.text]));
const facts = (card: Card) => Object.fromEntries(nodes(card).filter((n) => 'value' in n).map((n) => [n.title, n.value]));

const representative: [string, () => Card][] = [
  ['md5', () => md5Card({ md5: MD5 })],
  ['md5 unresolved, with why', () => md5Card({ md5: MD5, why: 'Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All), so I could not resolve it.' })],
  ['md5 never seen', () => md5UnseenCard({ md5: MD5 })],
  ['usage with a problem', () => usageCard({ problem: 'Missing a hash.', usage })],
  ['usage without a problem', () => usageCard({ usage })],
  ['help with a name and notes', () => helpCard({ userName: 'Ada', commands, notes: ['MD5 is recognised but not looked up.'] })],
  ['help without a name', () => helpCard({ commands })],
  ['problem with MDE code, status and correlation id', () => problemCard(MDE_PROBLEM)],
  ['problem without MDE details', () => problemCard({ title: 'This button is not supported', detail: 'Old card.', action: 'Run the command again.' })],
  ['notice with what comes next', () => noticeCard({ title: 'Isolation requested', detail: 'Request r-1 is waiting for an approver.', next: 'An approver (not you) approves or denies it.' })],
  ['internal error', () => internalErrorCard({ correlationId: 'c0ffee00-1111-4222-8333-444455556666' })],
];

describe.each(representative)('the %s card', (_name, build) => {
  it('when rendered, then its text and actions match the snapshot', () => {
    expect(cardOutline(build(), { data: true })).toMatchSnapshot();
  });

  it('when rendered, then it is a small, complete Adaptive Card 1.5 with no unbound or missing values', () => {
    const json = JSON.stringify(build());
    const card = JSON.parse(json) as Card;
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(json.length).toBeLessThan(28 * 1024);
    expect(json).not.toMatch(/\bnull\b|\bundefined\b|\$\{/);
  });
});

describe('md5Card', () => {
  it('when given an MD5, then it explains the limit and offers the hunting query in monospace', () => {
    const card = md5Card({ md5: ` ${MD5.toUpperCase()} ` });
    expect(texts(card).some((t) => t.includes('SHA-1 or SHA-256 only'))).toBe(true);
    const query = nodes(card).find((n) => n.text?.startsWith('DeviceFileEvents'));
    expect(query).toMatchObject({ text: `DeviceFileEvents | where MD5 == "${MD5}" | take 1 | project SHA1, SHA256`, fontType: 'Monospace' });
  });

  it.each(['3395856ce81f2b7382dee72602f798b642f14140', '" | take 100000 //', ''])('when given %j, then it refuses to build a query', (md5) => {
    expect(() => md5Card({ md5 })).toThrow(TypeError);
  });
});

describe('MD5 resolved through hunting', () => {
  const hostile = '[click](http://evil) **x** ${$root.secret}';
  const sighting = { sha1: null, sha256: 'e'.repeat(64), deviceCount: 2, deviceNames: [hostile, 'ws-07'], seenIn: ['DeviceProcessEvents', 'SomethingNew'], lastSeen: '2026-11-30T08:15:00Z' };

  it('when the section is built, then it names the SHA-256 and where it was seen, with device names escaped', () => {
    const section = md5ResolvedSection({ md5: MD5, files: [sighting] });
    expect(section.title).toBe(`MD5 ${MD5} resolved through advanced hunting (last 30 days)`);
    expect(section.items[0]?.heading).toBe(`SHA-256 ${'e'.repeat(64)}`);
    expect(section.items[0]?.detail).toMatch(/^The verdict above is for this file, seen on 2 devices \(.*, ws-07\) in process events, SomethingNew; last 2026-11-30 08:15 UTC\.$/);
    expect(section.items[0]?.detail).not.toContain('[click](http://evil)');
  });

  it('when one MD5 matches more files than are listed, then the rest are counted', () => {
    const section = md5ResolvedSection({ md5: MD5, files: Array.from({ length: 5 }, () => sighting) });
    expect(section.items).toHaveLength(3);
    expect(section.more).toBe('…and 2 more files with this MD5');
  });

  it('when the never-seen card is built, then it says so plainly with the MD5 and the look-back', () => {
    expect(texts(md5UnseenCard({ md5: MD5.toUpperCase() }))).toEqual(expect.arrayContaining(['MD5 never seen in your org', MD5, expect.stringContaining('in the last 30 days')]));
  });
});

describe('usageCard', () => {
  it('when no problem is given, then it says it did not understand', () => {
    expect(texts(usageCard({ usage }))[0]).toBe("I didn't understand that.");
  });

  it('when given commands, then each appears with its example, markdown-safe', () => {
    const t = texts(usageCard({ usage }));
    expect(t).toContain('/hash \\<SHA-256 \\| SHA-1 \\| MD5 \\| pasted text\\>');
    expect(t).toContain(usage[0]!.text);
    expect(t).toContain('/help');
  });

  it('when the problem quotes hostile user text, then it is escaped', () => {
    expect(texts(usageCard({ problem: `I don't know the command "${HOSTILE}".`, usage }))[0]).toBe(`I don't know the command "${HOSTILE_ESCAPED}".`);
  });
});

describe('helpCard', () => {
  it('when the user has a name, then the greeting uses it, escaped', () => {
    expect(texts(helpCard({ userName: '**Mallory**', commands }))[0]).toBe("Hi \\*\\*Mallory\\*\\*, here's what I can do for you");
  });

  it('when there are no notes, then no note block is rendered', () => {
    const card = helpCard({ commands, notes: [] });
    expect(texts(card)).toEqual([
      "Here's what I can do for you",
      '/hash \\<text\\>',
      'Verdict for every hash in the text.',
      '/alertfiles \\<alertId\\>',
      'Files of an alert, with verdicts.',
    ]);
  });
});

describe('problemCard', () => {
  it('when MDE gave a code, status and correlation id, then an admin can read all three', () => {
    const card = problemCard({ title: 't', detail: 'd', action: 'a', code: 'Forbidden', status: 403, correlationId: 'abc-123' });
    expect(facts(card)).toEqual({ 'MDE error code': 'Forbidden', 'HTTP status': '403', 'Correlation id': 'abc-123' });
    expect(nodes(card).find((n) => n.text === 't')?.color).toBe('attention');
    expect(texts(card)).toContain('What to do: a');
  });

  it('when MDE gave none of them, then no fact set is rendered', () => {
    expect(nodes(problemCard({ title: 't', detail: 'd', action: 'a' })).some((n) => n.type === 'FactSet')).toBe(false);
  });

  it('when the error message is hostile, then it is escaped and kept on one line', () => {
    const card = problemCard({ title: 't', detail: HOSTILE, action: HOSTILE, code: '**x**' });
    expect(texts(card)).toEqual(expect.arrayContaining([HOSTILE_ESCAPED, `What to do: ${HOSTILE_ESCAPED}`]));
    expect(facts(card)['MDE error code']).toBe('\\*\\*x\\*\\*');
  });
});

describe('noticeCard', () => {
  it('when the news is good, then the title is not drawn as a problem and says what comes next', () => {
    const card = noticeCard({ title: 't', detail: 'd', next: 'n' });
    expect(nodes(card).find((n) => n.text === 't')?.color).toBeUndefined();
    expect(texts(card)).toEqual(['t', 'd', 'Next: n']);
  });

  it('when nothing comes next, then only the title and detail are shown, escaped', () => {
    expect(texts(noticeCard({ title: HOSTILE, detail: HOSTILE }))).toEqual([HOSTILE_ESCAPED, HOSTILE_ESCAPED]);
  });
});

describe('internalErrorCard', () => {
  it('when something unexpected failed, then the card gives the correlation id and nothing else technical', () => {
    const card = internalErrorCard({ correlationId: 'c0ffee00-1111-4222-8333-444455556666' });
    expect(texts(card)).toEqual([
      'Something went wrong on our side',
      'Please try again in a moment. If it keeps happening, give your admin this correlation id:',
      'c0ffee00-1111-4222-8333-444455556666',
    ]);
  });
});
