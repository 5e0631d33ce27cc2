import type { Card } from '../../src/cards/card';
import { executeAction, type CardAction } from '../../src/cards/card-action';
import { verdictCard, VERDICT_COLOR } from '../../src/cards/verdict-card';
import type { MdeFile } from '../../src/mde/file';
import { hashTypeOf, type FoundHash } from '../../src/triage/hashes';
import { decideVerdict, type VerdictLevel } from '../../src/triage/verdict';
import { cardNodes, cardTexts, toneOf } from '../support/card-nodes';
import { cardOutline } from '../support/card-text';

const PORTAL = 'https://security.microsoft.com';

// Demo-like files, shaped as MDE sends them (nullable fields null, not missing).
const files = {
  malware: {
    sha1: '3395856ce81f2b7382dee72602f798b642f14140',
    sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    md5: '44d88612fea8a8f36de82e1278abb02f',
    globalPrevalence: 180_022,
    globalFirstObserved: '2006-06-10T02:12:26.3553219Z',
    globalLastObserved: '2024-05-01T13:37:12.0000000Z',
    size: 68,
    fileType: null,
    isPeFile: false,
    filePublisher: null,
    fileProductName: null,
    signer: null,
    issuer: null,
    signerHash: null,
    isValidCertificate: false,
    determinationType: 'Malware',
    determinationValue: 'Virus:DOS/EICAR_Test_File',
  },
  pua: {
    sha1: '4388963aaa83afe2042a46a3c017ad50bdcdafb3',
    sha256: '413c58c8267d2c8648d8f6384bacc2ae9c929b2b96578b6860b5087cd1bd6462',
    globalPrevalence: 180022,
    globalFirstObserved: '2021-02-28T16:39:36.6098897Z',
    globalLastObserved: '2021-03-24T01:39:01.1322062Z',
    size: 22139496,
    fileType: 'APP',
    isPeFile: true,
    filePublisher: 'CHENGDU YIWO Tech Development Co., Ltd.',
    fileProductName: 'EaseUS MobiSaver for Android',
    signer: 'CHENGDU YIWO Tech Development Co., Ltd.',
    issuer: 'VeriSign Class 3 Code Signing 2010 CA',
    signerHash: '6c5f5e1f3a3da9a6b5d5c4d1a9e6e4f2f5b3a8c1',
    isValidCertificate: false,
    determinationType: 'Pua',
    determinationValue: 'PUA:Win32/FusionCore',
  },
  clean: {
    sha1: 'f1d8b8ce4ab8e4b5fe3b2a2b2ad5a0a8d7dcbd74',
    sha256: 'e0b1f9c2c0c4a4a7a8c0a8d7f3b45c58a1f3c6d1e8f2a4b6c8d0e2f4a6b8c0d2',
    globalPrevalence: 1_547_123_456,
    globalFirstObserved: '2019-12-07T09:10:05.1234567Z',
    globalLastObserved: '2024-05-01T13:37:00Z',
    size: 201216,
    fileType: 'PortableExecutable',
    isPeFile: true,
    filePublisher: 'Microsoft Corporation',
    fileProductName: 'Microsoft® Windows® Operating System',
    signer: 'Microsoft Windows',
    issuer: 'Microsoft Windows Production PCA 2011',
    signerHash: '580a6f4cc4e4b669b9ebdc1b2b3e087b80d0678d',
    isValidCertificate: true,
    determinationType: 'Unknown',
    determinationValue: null,
  },
  unknown: {
    sha1: '8b0e0b8e3c5f6a5e1d2c3b4a59687766554433ab',
    sha256: null,
    globalPrevalence: 3,
    globalFirstObserved: '2024-04-30T22:01:00Z',
    globalLastObserved: '2024-05-01T01:02:03Z',
    size: 1_258_291,
    fileType: null,
    isPeFile: true,
    filePublisher: null,
    fileProductName: null,
    signer: null,
    issuer: null,
    signerHash: null,
    isValidCertificate: null,
    determinationType: 'Unknown',
    determinationValue: null,
  },
} satisfies Record<string, MdeFile>;

const hashOf = (value: string): FoundHash => ({ value, type: hashTypeOf(value)! });

function cardFor(file: MdeFile | null, queried: string, actions?: CardAction[]): Card {
  return verdictCard({ hash: hashOf(queried), file, verdict: decideVerdict(file), portalUrl: PORTAL, actions });
}

const demo: [string, MdeFile | null, string, VerdictLevel][] = [
  ['malware (EICAR)', files.malware, files.malware.sha256, 'malicious'],
  ['PUA', files.pua, files.pua.sha1, 'suspicious'],
  ['clean, Microsoft-signed', files.clean, files.clean.sha256, 'clean'],
  ['unknown', files.unknown, files.unknown.sha1, 'unknown'],
  ['not found', null, 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce', 'not-found'],
];

type Node = { type?: string; text?: string; color?: string; title?: string; value?: string; url?: string; facts?: Node[] };

/** Every object in the card, depth first, so tests can find elements wherever the layout puts them. */
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}
const fact = (card: Card, title: string) => nodes(card).find((n) => n.title === title && 'value' in n)?.value;
/** Hashes are a label TextBlock followed by a monospace, wrapping value TextBlock (never a clipping FactSet). */
type Block = Node & { items?: Block[]; fontType?: string; wrap?: boolean };
const labelled = (card: unknown, title: string) => {
  const pair = nodes(card).find((n) => (n as Block).items?.[0]?.text === title) as Block | undefined;
  const value = pair?.items?.[1];
  if (value) expect(value).toMatchObject({ fontType: 'Monospace', wrap: true });
  return value?.text;
};
const actionsOf = (card: Card) => card.actions as Node[];

describe('verdictCard on demo files', () => {
  it.each(demo)('when the file is %s, then the text and actions of its card match the snapshot', (_name, file, queried) => {
    expect(cardOutline(cardFor(file, queried), { data: true })).toMatchSnapshot();
  });

  it.each(demo)('when the file is %s, then the card is a small, complete Adaptive Card 1.5', (_name, file, queried) => {
    const json = JSON.stringify(cardFor(file, queried));
    const card = JSON.parse(json) as Card;
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(json.length).toBeLessThan(28 * 1024);
    expect(json).not.toMatch(/\bnull\b|\bundefined\b|\$\{/);
  });

  it.each(demo)('when the file is %s, then the header is labelled and framed by its level', (_name, file, queried, level) => {
    const card = cardFor(file, queried);
    const label = { malicious: 'Malicious', suspicious: 'Suspicious', clean: 'Clean', unknown: 'Unknown', 'not-found': 'Not found' }[level];
    expect(cardTexts(card)[0]).toBe(label);
    // The tone is the first container's style; the label's own colour is the default (readable).
    expect(toneOf(card, label) ?? 'default').toBe(VERDICT_COLOR[level]);
    expect([undefined, 'default']).toContain(cardNodes(card).find((n) => n.text === label)?.color);
  });

  it('when levels are coloured, then malicious is attention, suspicious warning, clean good, the rest default', () => {
    expect(VERDICT_COLOR).toEqual({ malicious: 'attention', suspicious: 'warning', clean: 'good', unknown: 'default', 'not-found': 'default' });
  });

  it('when the file is malware, then the card shows the threat, reason, hashes and formatted facts', () => {
    const card = cardFor(files.malware, files.malware.sha256);
    const texts = nodes(card).map((n) => n.text);
    expect(texts).toContain('MDE determination: Malware (Virus:DOS/EICAR\\_Test\\_File)');
    expect(texts).toContain('Threat: Virus:DOS/EICAR\\_Test\\_File');
    expect([labelled(card, 'SHA-256'), labelled(card, 'SHA-1'), labelled(card, 'MD5')]).toEqual([files.malware.sha256, files.malware.sha1, files.malware.md5]);
    expect(fact(card, 'SHA-256')).toBeUndefined();
    expect(fact(card, 'Size')).toBe('68 bytes');
    expect(fact(card, 'Certificate')).toBe('not valid');
    expect(fact(card, 'Global prevalence')).toBe('180,022');
    expect(fact(card, 'First seen')).toBe('2006-06-10 02:12 UTC');
    expect(fact(card, 'Last seen')).toBe('2024-05-01 13:37 UTC');
    expect(fact(card, 'File type')).toBeUndefined();
  });

  it('when the file is clean by inference, then the card says so and shows signer, issuer and a valid certificate', () => {
    const card = cardFor(files.clean, files.clean.sha256);
    expect(nodes(card).map((n) => n.text)).toContain(
      'No MDE determination; inferred clean from a valid signature (Microsoft Windows) and global prevalence 1,547,123,456',
    );
    expect([fact(card, 'Signer'), fact(card, 'Issuer'), fact(card, 'Certificate')]).toEqual(['Microsoft Windows', 'Microsoft Windows Production PCA 2011', 'valid']);
    expect(fact(card, 'Size')).toBe('196.5 KB');
    expect(nodes(card).some((n) => n.text?.startsWith('Threat:'))).toBe(false);
  });

  it('when Details is opened, then it holds the remaining fields and the queried hash', () => {
    const card = cardFor(files.pua, files.pua.sha1);
    const details = actionsOf(card).find((a) => a.type === 'Action.ShowCard')!;
    const rows = Object.fromEntries(nodes(details).filter((n) => 'value' in n).map((n) => [n.title, n.value]));
    expect(rows).toEqual({
      'You asked for': 'SHA-1',
      'PE file': 'Yes',
      Product: 'EaseUS MobiSaver for Android',
      'Determination type': 'Pua',
      'Determination value': 'PUA:Win32/FusionCore',
    });
    expect(labelled(details, 'Queried hash')).toBe(files.pua.sha1);
    expect(labelled(details, 'Signer certificate hash')).toBe(files.pua.signerHash);
  });

  it('when the file has a SHA-1, then Open in Defender goes to its file page', () => {
    const open = actionsOf(cardFor(files.malware, files.malware.sha256))[0]!;
    expect(open).toEqual({ type: 'Action.OpenUrl', title: 'Open in Defender', url: `${PORTAL}/file/${files.malware.sha1}` });
  });

  it('when only a SHA-256 is known and the portal URL ends in a slash, then the link uses the SHA-256 without a double slash', () => {
    const card = verdictCard({ hash: hashOf(files.clean.sha256), file: { ...files.clean, sha1: null }, verdict: { level: 'clean', reason: 'r' }, portalUrl: `${PORTAL}/` });
    expect(actionsOf(card)[0]!.url).toBe(`${PORTAL}/file/${files.clean.sha256}`);
  });

  it('when the file carries a malformed sha1, then it never reaches the link', () => {
    const card = cardFor({ ...files.unknown, sha1: '../../evil?x=1' }, files.unknown.sha1);
    expect(actionsOf(card)[0]!.url).toBe(`${PORTAL}/file/${files.unknown.sha1}`);
  });

  it('when no SHA-1 or SHA-256 is known, then there is no Open in Defender button', () => {
    const card = cardFor({ ...files.unknown, sha1: null }, '44d88612fea8a8f36de82e1278abb02f');
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Details']);
  });

  it('when actions are passed, then they follow the card’s own buttons unchanged', () => {
    const extra: CardAction[] = [
      executeAction('Block this hash', 'containment.request', { requestId: 'r-1' }),
      { type: 'Action.OpenUrl', title: 'VirusTotal', url: 'https://www.virustotal.com/gui/file/x' },
    ];
    const card = cardFor(files.malware, files.malware.sha256, extra);
    expect(actionsOf(card).slice(2)).toEqual(extra);
    expect(actionsOf(cardFor(null, files.malware.sha256, extra))).toEqual(extra);
  });

  it('when MDE has no file, then the compact card names the hash and offers no portal link', () => {
    const card = cardFor(null, files.unknown.sha1);
    expect(labelled(card, 'SHA-1')).toBe(files.unknown.sha1);
    expect(nodes(card).some((n) => n.text?.includes('MDE has never seen this hash'))).toBe(true);
    expect(actionsOf(card)).toEqual([]);
  });
});

describe('verdictCard with hostile file data', () => {
  const hostile = {
    ...files.pua,
    filePublisher: '[x](http://evil)',
    signer: '**bold** ${$root.portalFileUrl}',
    issuer: '</script><at>Admin</at>',
    fileProductName: 'line1\n\n# Heading\n- item',
    fileType: '"},{"type":"Action.OpenUrl","url":"http://evil"}',
    determinationValue: 'PUA:Win32/X ${$root.secret}',
    threatName: `${'A'.repeat(50_000)}`,
  } satisfies MdeFile;
  const card = cardFor(hostile, hostile.sha1);
  const json = JSON.stringify(card);

  it('when MDE strings carry markdown, then it is escaped', () => {
    expect(fact(card, 'Publisher')).toBe('\\[x\\](http://evil)');
    expect(fact(card, 'Signer')).toBe('\\*\\*bold\\*\\* ${$root.portalFileUrl}');
    expect(fact(card, 'Issuer')).toBe('\\</script\\>\\<at\\>Admin\\</at\\>');
  });

  it('when MDE strings carry template syntax, then it comes out literally', () => {
    expect(fact(card, 'Determination value')).toBe('PUA:Win32/X ${$root.secret}');
    expect(fact(card, 'Signer')).not.toContain(PORTAL);
  });

  it('when MDE strings carry line breaks, then they cannot start new markdown blocks', () => {
    expect(fact(card, 'Product')).toBe('line1 # Heading - item');
  });

  it('when MDE strings try to break out of JSON, then they stay one value and add no action', () => {
    expect(fact(card, 'File type')).toBe(hostile.fileType);
    expect(actionsOf(card).map((a) => a.type)).toEqual(['Action.OpenUrl', 'Action.ShowCard']);
  });

  it('when a value is huge, then it is clipped and the card stays under 28 KB', () => {
    expect(json.length).toBeLessThan(28 * 1024);
    expect(nodes(card).find((n) => n.text?.startsWith('Threat: '))?.text).toMatch(/^Threat: A{299}…$/);
  });
});
