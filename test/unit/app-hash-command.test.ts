import { hashCommand } from '../../src/app/commands/hash';
import { cardText } from '../support/card-text';
import { cardFacts, executeActions } from '../support/card-nodes';
import { appDeps, mdeError, READER } from '../support/app-deps';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { FILES, fileFor, hex } from '../support/mde-fixtures';

const files = Array.from({ length: 40 }, (_, i) => fileFor(`f${i}`, { determinationType: i < 2 ? 'Malware' : 'Unknown', determinationValue: i < 2 ? 'Trojan:Win32/Emotet' : null }));
const advisory = (n: number) => files.slice(0, n).map((f, i) => `IOC ${i + 1}: ${f.sha256}`).join('\n');

const run = async (text: string, mde = fakeMdeClient({ files: [...files, FILES.malware] }), turn = fakeTurn(), over = {}) => {
  await hashCommand.run(turn, text, appDeps(mde, over), READER);
  return { turn, mde, shown: turn.messages().map((m) => cardText(m.card)) };
};

describe('/hash', () => {
  it('when given one SHA, then the answer is one verdict card with pivot buttons carrying its SHA-1', async () => {
    const { turn, shown } = await run(FILES.malware.sha256);
    expect(shown).toEqual([expect.stringMatching(/^Malicious/)]);
    const pivots = executeActions(turn.messages()[0]?.card);
    expect(pivots.map((a) => `${a.title}:${a.verb}`)).toEqual(['Devices:file.devices', 'Alerts:file.alerts', 'In our org:file.stats']);
    expect(pivots.every((a) => a.data.sha === FILES.malware.sha1)).toBe(true);
  });

  it('when given one MD5 the org saw, then hunting resolves it and the answer is the verdict card of its SHA-256, saying where it was seen', async () => {
    const { mde, shown } = await run(FILES.malware.md5);
    expect(mde.calls.map((c) => c.method)).toEqual(['resolveMd5s', 'getFile']);
    expect(mde.callsTo('getFile')).toEqual([FILES.malware.sha256]);
    expect(shown).toEqual([expect.stringMatching(/^Malicious/)]);
    expect(shown[0]).toContain(`MD5 ${FILES.malware.md5} resolved through advanced hunting`);
    expect(shown[0]).toContain(`SHA-256 ${FILES.malware.sha256}`);
    expect(shown[0]).toContain('seen on 1 device (fake-device) in file events');
  });

  it('when given one MD5 no device saw, then the card says so plainly and no file is looked up', async () => {
    const { mde, shown } = await run(hex('never', 'md5'));
    expect(mde.callsTo('getFile')).toEqual([]);
    expect(shown).toEqual([expect.stringMatching(/^MD5 never seen in your org\nNo device in your org had a file with this MD5 in the last 30 days/)]);
  });

  it('when hunting is refused for an MD5, then the answer is the MD5 card with the query to run by hand and the permission to grant', async () => {
    const mde = fakeMdeClient({}, { resolveMd5s: async () => Promise.reject(mdeError({ kind: 'forbidden', status: 403, operation: 'hunting.graph', permissions: ['ThreatHunting.Read.All'] })) });
    const { shown } = await run(FILES.malware.md5, mde);
    expect(shown).toEqual([expect.stringMatching(/MD5 can't be looked up directly/)]);
    expect(shown[0]).toContain('Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All), so I could not resolve it.');
    expect(shown[0]).toContain(`DeviceFileEvents | where MD5 == "${FILES.malware.md5}"`);
  });

  it('when an advisory has many hashes, then one message says "Looking up…" and becomes the summary', async () => {
    const { turn, shown } = await run(`${advisory(5)}\n${hex('m', 'md5')}`);
    expect(turn.events[0]?.kind).toBe('reply');
    expect(cardText(turn.events[0]?.card)).toBe('Looking up 6 hashes…');
    expect(turn.events.map((e) => e.kind).slice(-2)).toEqual(['update', 'reply']);
    // The summary, then the coverage card (this setup has no indicators API: it says so).
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^Verdicts for 6 hashes/);
    expect(shown[1]).toMatch(/^Coverage of 6 IoCs/);
    expect(shown[1]).toContain('Custom indicators are not available in this setup');
    expect(cardFacts(turn.messages()[0]?.card)).toEqual({ Malicious: '2', Unknown: '3', 'MD5 never seen in your org': '1' });
  });

  it('when hashes repeat or are defanged, then each is looked up once', async () => {
    const sha = files[0]?.sha256 as string;
    const { mde, shown } = await run(`${sha} ${sha.toUpperCase()} hxxp://x[.]com/${files[1]?.sha256} "${sha}"`);
    expect(mde.callsTo('getFile')).toEqual([sha, files[1]?.sha256]);
    expect(shown[0]).toMatch(/^Verdicts for 2 hashes/);
  });

  it('when the lookup takes a while, then progress is shown in place, no more often than the interval', async () => {
    let t = 0;
    const mde = fakeMdeClient({ files }, { getFile: async (h) => ((t += 1_000), files.find((f) => f.sha256 === h) ?? null) });
    const { turn } = await run(advisory(10), mde, fakeTurn(), { now: () => t, bulk: { concurrency: 1, progressIntervalMs: 2_000 } });
    const texts = turn.events.map((e) => `${e.kind}: ${cardText(e.card).split('\n').slice(0, 2).join(' / ')}`);
    expect(texts[0]).toBe('reply: Looking up 10 hashes…');
    expect(texts.slice(1, -2)).toEqual(expect.arrayContaining(['update: Looking up 10 hashes… / 2 of 10 done.']));
    expect(texts.slice(1, -2).length).toBeLessThanOrEqual(5);
    expect(texts.at(-2)).toMatch(/^update: Verdicts for 10 hashes/);
    expect(texts.at(-1)).toMatch(/^reply: Coverage of 10 IoCs/);
  });

  it('when Teams refuses to update the progress message, then the summary is sent as a new message', async () => {
    const { turn } = await run(advisory(3), undefined, fakeTurn({ failUpdates: true }));
    expect(turn.events.map((e) => e.kind)).toEqual(['reply', 'reply', 'reply']);
    expect(cardText(turn.events[1]?.card)).toMatch(/^Verdicts for 3 hashes/);
  });

  it('when MDE refuses the whole batch, then the progress message becomes the error card', async () => {
    const mde = fakeMdeClient({}, { getFile: async () => Promise.reject(mdeError({ kind: 'forbidden', status: 403, code: 'Forbidden', permissions: ['File.Read.All'], target: 'corr-1' })) });
    const { shown } = await run(advisory(3), mde);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/missing a Defender permission/);
    expect(shown[0]).toContain('File.Read.All');
    expect(shown[0]).toContain('corr-1');
  });

  it('when something unexpected breaks the lookup, then the progress message says it stopped and the error goes on', async () => {
    const mde = fakeMdeClient({}, { getFile: async () => Promise.reject(new TypeError('bug')) });
    const turn = fakeTurn();
    await expect(hashCommand.run(turn, advisory(3), appDeps(mde), READER)).rejects.toThrow('bug');
    expect(cardText(turn.messages()[0]?.card)).toMatch(/^The lookup of 3 hashes stopped/);
  });

  it('when more than 1,000 hashes are pasted, then the first 1,000 are looked up and the user is told', async () => {
    const text = Array.from({ length: 1_003 }, (_, i) => hex(`many${i}`, 'sha1')).join(' ');
    const { turn, mde } = await run(text, fakeMdeClient({}));
    expect(cardText(turn.events[0]?.card)).toBe('Looking up 1,000 hashes…\nFound 1,003 hashes; looking up the first 1,000.');
    expect((mde.callsTo('getFileProfiles')[0] as string[]).length).toBe(1_000);
    expect(cardText(turn.messages()[0]?.card)).toMatch(/Found 1,003 hashes; looked up the first 1,000\./);
  });

  it('when the summary is too big for one card, then the progress message becomes part 1 and the rest follow', async () => {
    const text = Array.from({ length: 300 }, (_, i) => hex(`p${i}`, 'sha256')).join(',');
    const { turn, shown } = await run(text, fakeMdeClient({}));
    expect(shown.length).toBeGreaterThan(1);
    expect(shown[0]).toMatch(/^Verdicts for 300 hashes \(part 1 of \d\)/);
    expect(turn.events.filter((e) => e.kind === 'update').map((e) => e.id)).toContain('sent-1');
  });

  it('when the text has no hash, then the usage card says so', async () => {
    expect((await run('hello')).shown).toEqual([expect.stringMatching(/could not find a SHA-256/)]);
  });
});
