import { alertFilesCard, MAX_ALERT_FILE_ROWS, type AlertFilesCardInput } from '../../src/cards/alert-files-card';
import { CARD_MAX_BYTES, cardBytes } from '../../src/cards/card-size';
import type { MdeFile } from '../../src/mde/file';
import { decideVerdict } from '../../src/triage/verdict';
import { cardFacts, cardNodes, cardTexts, executeActions, toneOf } from '../support/card-nodes';
import { ALERT, ALERT_ID, FILES, MACHINE, fileFor } from '../support/mde-fixtures';
import { cardOutline } from '../support/card-text';

const PORTAL = 'https://security.microsoft.com';
const HOSTILE = `[x](http://evil) **bold** \${$root.secret} <at>all</at>\n# big ${'Z'.repeat(3_000)}`;
const withVerdicts = (files: MdeFile[]) => files.map((file) => ({ file, verdict: decideVerdict(file) }));

const input = (over: Partial<AlertFilesCardInput> = {}): AlertFilesCardInput => ({
  alertId: ALERT_ID,
  alert: ALERT,
  machine: { ok: true, value: MACHINE },
  files: { ok: true, value: withVerdicts([FILES.clean, FILES.pua, FILES.malware]) },
  portalUrl: PORTAL,
  ...over,
});

const rowTexts = (card: unknown) => cardNodes(card).filter((n) => n.type === 'ColumnSet').map((row) => cardTexts(row));

describe('alert files card', () => {
  it('when the alert, device and files load, then its text and actions match the snapshot', () => {
    expect(cardOutline(alertFilesCard(input()), { data: true })).toMatchSnapshot();
  });

  it('when rendered, then the header shows the alert with its severity coloured', () => {
    const card = alertFilesCard(input());
    const [severity] = cardNodes(card).filter((n) => n.type === 'TextBlock');
    expect(severity).toMatchObject({ text: 'High severity alert' });
    expect(toneOf(card, 'High severity alert')).toBe('attention');
    expect(cardTexts(card)).toContain("'EICAR\\_Test\\_File' malware was detected");
    expect(cardFacts(card)).toMatchObject({ Status: 'New', Category: 'Malware', 'Detection source': 'WindowsDefenderAv', Created: '2025-11-02 08:41 UTC' });
    expect(cardTexts(card)).toContain(ALERT_ID.replace(/_/g, '\\_'));
  });

  it('when rendered, then the device shows its name, OS, health, risk and id', () => {
    const card = alertFilesCard(input());
    expect(cardTexts(card)).toContain('Device: workstation-07.verdict-demo.example');
    expect(cardFacts(card)).toMatchObject({ OS: 'Windows11 23H2 build 22631', Health: 'Active', Risk: 'High', Exposure: 'Medium' });
    expect(cardTexts(card)).toContain(MACHINE.id);
  });

  it('when files are listed, then the most dangerous come first, each with its SHA-256 and a Details button', () => {
    const card = alertFilesCard(input());
    expect(rowTexts(card).map((r) => r[0])).toEqual(['Malicious', 'Suspicious', 'Clean']);
    expect(rowTexts(card)[0]).toEqual(['Malicious', FILES.malware.sha256, 'Virus:DOS/EICAR\\_Test\\_File']);
    expect(executeActions(card).map((a) => a.data)).toEqual([{ sha: FILES.malware.sha256 }, { sha: FILES.pua.sha256 }, { sha: FILES.clean.sha256 }]);
    expect(executeActions(card).every((a) => a.verb === 'file.verdict')).toBe(true);
  });

  it('when a file has only an MD5, then it is listed with a note and no button', () => {
    const md5Only = fileFor('md5only', { sha1: null, sha256: null, determinationType: 'Malware', determinationValue: 'Trojan:Win32/X' });
    const card = alertFilesCard(input({ files: { ok: true, value: withVerdicts([md5Only]) } }));
    const [row] = rowTexts(card);
    expect(row?.[1]).toBe(md5Only.md5);
    expect(row?.[2]).toMatch(/^MD5 only: .*no details.*; Trojan:Win32\/X$/);
    expect(executeActions(card)).toEqual([]);
  });

  it('when a file carries a forged hash, then no button is made from it', () => {
    const forged = fileFor('f', { sha256: '../../machines/x/isolate', sha1: 'zz' });
    expect(executeActions(alertFilesCard(input({ files: { ok: true, value: withVerdicts([forged]) } })))).toEqual([]);
  });

  it('when the alert has more files than fit, then the card lists the cap, counts the rest, and stays under 28 KB', () => {
    const many = Array.from({ length: 60 }, (_, i) => fileFor(`f${i}`, { determinationType: 'Malware', determinationValue: HOSTILE }));
    const card = alertFilesCard(input({ alert: { ...ALERT, title: HOSTILE, category: HOSTILE, detectionSource: HOSTILE, threatName: HOSTILE, assignedTo: HOSTILE }, machine: { ok: true, value: { ...MACHINE, computerDnsName: HOSTILE, osPlatform: HOSTILE, rbacGroupName: HOSTILE } }, files: { ok: true, value: withVerdicts(many) } }));
    expect(rowTexts(card)).toHaveLength(MAX_ALERT_FILE_ROWS);
    expect(cardTexts(card)).toContain(`…and ${60 - MAX_ALERT_FILE_ROWS} more; open the alert in Defender to see them all.`);
    expect(cardBytes(card)).toBeLessThan(CARD_MAX_BYTES);
  });

  it('when alert and device strings are hostile, then they are escaped and nothing is bound from them', () => {
    const card = alertFilesCard(input({ alert: { ...ALERT, title: HOSTILE, status: HOSTILE }, machine: { ok: true, value: { ...MACHINE, computerDnsName: HOSTILE } } }));
    const json = JSON.stringify(card);
    expect(json).not.toContain('[x](');
    expect(json).not.toContain('<at>');
    expect(json).not.toMatch(/\\n# big/);
    expect(cardTexts(card)[1]).toMatch(/^\\\[x\\\]\(http:\/\/evil\) \\\*\\\*bold\\\*\\\* \$\{\$root\.secret\} \\<at\\>all\\<\/at\\> # big Z+…$/);
  });

  it('when the alert id holds URL syntax, then the portal link encodes it and still points at the alert', () => {
    const card = alertFilesCard(input({ alertId: '../x?y#z', portalUrl: `${PORTAL}/` }));
    const link = cardNodes(card).find((n) => n.type === 'Action.OpenUrl');
    expect(link).toMatchObject({ title: 'Open alert in Defender', url: `${PORTAL}/alerts/..%2Fx%3Fy%23z` });
  });

  it('when the device or the files could not be loaded, then the card says so and still shows the alert', () => {
    const card = alertFilesCard(input({ machine: { ok: false, problem: "Couldn't load the alert's device: Verdict is missing a Defender permission" }, files: { ok: false, problem: "Couldn't load the alert's files: Defender did not answer in time" } }));
    expect(cardTexts(card)).toEqual(expect.arrayContaining(["Couldn't load the alert's device: Verdict is missing a Defender permission", "Couldn't load the alert's files: Defender did not answer in time"]));
    expect(cardTexts(card)).toContain("'EICAR\\_Test\\_File' malware was detected");
  });

  it('when MDE has no device and no files for the alert, then both are said plainly', () => {
    const card = alertFilesCard(input({ machine: { ok: true, value: null }, files: { ok: true, value: [] } }));
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Files (0)', 'MDE lists no files for this alert.', expect.stringMatching(/^MDE has no device for this alert/)]));
  });

  it('when rendered, then no template binding is left unexpanded', () => {
    expect(JSON.stringify(alertFilesCard(input({ machine: { ok: true, value: null } })))).not.toMatch(/\$\{|\$when|\$data/);
  });
});
