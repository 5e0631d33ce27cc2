import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import {
  main,
  packageTeamsApp,
  pngInfo,
  renderManifest,
  resolveValues,
  teamsAppIdFor,
  validateManifest,
  type ManifestValues,
} from '../../src/cli/package-manifest';
import { crc32 } from '../../src/cli/zip';
import { defaultCommands } from '../../src/app/commands';

const MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');
const BOT_ID = '0b5c1f0e-8a57-4c39-9a43-5d2d2c9a1e11';
const DEVELOPER = {
  DEVELOPER_WEBSITE_URL: 'https://contoso.example',
  DEVELOPER_PRIVACY_URL: 'https://contoso.example/privacy',
  DEVELOPER_TERMS_URL: 'https://contoso.example/terms',
};

/** Reads a zip independently of the writer: central directory → local header → data, CRC-checked. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, size, nameLength] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 24), zip.readUInt16LE(at + 28)];
    const compressed = zip.readUInt32LE(at + 20);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect(zip.toString('utf8', local + 30, local + 30 + nameLength)).toBe(name);
    const start = local + 30 + nameLength + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect([name, data.length, crc32(data)]).toEqual([name, size, crc]);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

async function template(): Promise<unknown> {
  return JSON.parse(await readFile(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8'));
}

async function icons(): Promise<Map<string, Buffer>> {
  return new Map([
    ['color.png', await readFile(join(MANIFEST_DIR, 'color.png'))],
    ['outline.png', await readFile(join(MANIFEST_DIR, 'outline.png'))],
  ]);
}

function values(): ManifestValues {
  const resolved = resolveValues({ BOT_ID, ...DEVELOPER }, {}, '1.2.3');
  if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
  return resolved.values;
}

/** A rendered, valid manifest to break one field at a time. */
async function validManifest(): Promise<any> {
  return renderManifest(await template(), values()).manifest;
}

describe('Teams app manifest template', () => {
  it('when rendered with a bot id and developer URLs, then it passes validation with no placeholder left', async () => {
    const { manifest, unresolved } = renderManifest(await template(), values());
    expect(unresolved).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(validateManifest(manifest, await icons())).toEqual([]);
    const m = manifest as any;
    expect(m.bots[0].botId).toBe(BOT_ID);
    // Device CSVs are sent as files in personal chat (issue 13); Teams hands none without this.
    expect(m.bots[0].supportsFiles).toBe(true);
    expect(m.id).toBe(teamsAppIdFor(BOT_ID));
    expect(m.version).toBe('1.2.3');
    expect(m.manifestVersion).toBe('1.24');
    expect(m.bots[0].commandLists.flatMap((l: any) => l.commands.map((c: any) => c.title))).toEqual(['/hash', '/alertfiles', '/devices', '/actions', '/indicators', '/audit', '/help', '/hash', '/alertfiles', '/devices', '/actions', '/indicators', '/audit', '/help']);
  });

  it('when the bot has a command, then every command list of the manifest offers it, and nothing else', async () => {
    const registry = defaultCommands().map((c) => `/${c.name}`).sort();
    const lists = (await template() as any).bots[0].commandLists as { scopes: string[]; commands: { title: string }[] }[];
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) expect(list.commands.map((c) => c.title).sort()).toEqual(registry);
  });

  it('when a placeholder has no value, then it is reported by name', async () => {
    const { unresolved } = renderManifest(await template(), { ...values(), BOT_ID: undefined } as Partial<ManifestValues>);
    expect(unresolved).toEqual(['BOT_ID']);
  });

  it('when a value contains quotes, then the JSON stays intact (substitution is per string)', async () => {
    const { manifest } = renderManifest(await template(), { ...values(), DEVELOPER_NAME: 'Contoso "SecOps"' });
    expect((manifest as any).developer.name).toBe('Contoso "SecOps"');
  });
});

describe('resolveValues', () => {
  it('when BOT_ID and MicrosoftAppId are missing, then it fails naming BOT_ID and every missing URL', () => {
    const result = resolveValues({}, {}, '0.1.0');
    expect(result.ok).toBe(false);
    const text = !result.ok ? result.errors.join('\n') : '';
    expect(text).toMatch(/^BOT_ID is required: the bot's Microsoft App ID/m);
    expect(text).toMatch(/DEVELOPER_WEBSITE_URL is required/);
    expect(text).toMatch(/DEVELOPER_PRIVACY_URL is required/);
    expect(text).toMatch(/DEVELOPER_TERMS_URL is required/);
  });

  it('when only MicrosoftAppId is set, then it is the bot id; options win over the environment', () => {
    const fromEnv = resolveValues({ MicrosoftAppId: BOT_ID, ...DEVELOPER }, {}, '0.1.0');
    expect(fromEnv.ok && fromEnv.values.BOT_ID).toBe(BOT_ID);
    const other = '11111111-2222-4333-8444-555555555555';
    const fromArgs = resolveValues({ BOT_ID, ...DEVELOPER }, { 'bot-id': other, 'app-version': '2.0.0' }, '0.1.0');
    expect(fromArgs.ok && [fromArgs.values.BOT_ID, fromArgs.values.APP_VERSION]).toEqual([other, '2.0.0']);
  });

  it('when ids, version or URLs are malformed, then each is named', () => {
    const result = resolveValues({ BOT_ID: 'not-a-guid', TEAMS_APP_ID: 'x', APP_VERSION: 'v1', ...DEVELOPER, DEVELOPER_PRIVACY_URL: 'http://insecure' }, {}, '0.1.0');
    const text = !result.ok ? result.errors.join('\n') : '';
    expect(text).toMatch(/BOT_ID must be a GUID/);
    expect(text).toMatch(/TEAMS_APP_ID must be a GUID/);
    expect(text).toMatch(/APP_VERSION must be MAJOR.MINOR.PATCH/);
    expect(text).toMatch(/DEVELOPER_PRIVACY_URL must be an https URL/);
  });

  it('when TEAMS_APP_ID is not set, then a stable v5 GUID derived from the bot id is used and announced', () => {
    const result = resolveValues({ BOT_ID: BOT_ID.toUpperCase(), ...DEVELOPER }, {}, '0.1.0');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.values.TEAMS_APP_ID).toBe(teamsAppIdFor(BOT_ID));
    expect(result.values.TEAMS_APP_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.values.TEAMS_APP_ID).not.toBe(BOT_ID);
    expect(teamsAppIdFor('11111111-2222-4333-8444-555555555555')).not.toBe(result.values.TEAMS_APP_ID);
    expect(result.hints.join('\n')).toContain(`TEAMS_APP_ID=${result.values.TEAMS_APP_ID}`);
  });
});

describe('validateManifest', () => {
  it.each([
    ['a command title over 32 characters', (m: any) => (m.bots[0].commandLists[0].commands[0].title = `/${'x'.repeat(32)}`), /bots\[0\]\.commandLists\[0\]\.commands\[0\]\.title: must be at most 32 characters/],
    ['a command description over 128 characters', (m: any) => (m.bots[0].commandLists[1].commands[2].description = 'x'.repeat(129)), /commands\[2\]\.description: must be at most 128 characters/],
    ['11 commands in a list', (m: any) => (m.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({ title: `/c${i}`, description: 'd' }))), /commandLists\[0\]\.commands: must have at most 10 commands/],
    ['a bot id that is not a GUID', (m: any) => (m.bots[0].botId = 'verdict-bot'), /bots\[0\]\.botId: must be a GUID/],
    ['an app id that is not a GUID', (m: any) => (m.id = '${{TEAMS_APP_ID}}'), /^id: must be a GUID/m],
    ['a missing short name', (m: any) => delete m.name.short, /^name\.short:/m],
    ['an accent colour without #', (m: any) => (m.accentColor = '1F3A5F'), /accentColor: must be a #RRGGBB colour/],
    ['a $schema of another version', (m: any) => (m.$schema = m.$schema.replace('v1.24', 'v1.19')), /\$schema: must be .*v1\.24/],
    ['a command-list scope the bot lacks', (m: any) => (m.bots[0].scopes = ['personal']), /commandLists\[1\]\.scopes: team is not one of the bot's scopes/],
    ['a scope in two command lists', (m: any) => m.bots[0].commandLists[1].scopes.push('personal'), /personal appears in more than one command list/],
    ['an http developer URL', (m: any) => (m.developer.privacyUrl = 'http://contoso.example'), /developer\.privacyUrl: must be an https URL/],
  ])('when the manifest has %s, then the error names the field', async (_what, breakIt, expected) => {
    const manifest = await validManifest();
    breakIt(manifest);
    expect(validateManifest(manifest, await icons()).join('\n')).toMatch(expected);
  });

  it('when the icons are swapped or missing, then the sizes Teams needs are named', async () => {
    const manifest = await validManifest();
    const real = await icons();
    const swapped = new Map([['color.png', real.get('outline.png')!], ['outline.png', real.get('color.png')!]]);
    const errors = validateManifest(manifest, swapped).join('\n');
    expect(errors).toMatch(/icons\.color: color\.png is 32×32; Teams needs 192×192/);
    expect(errors).toMatch(/icons\.outline: outline\.png is 192×192; Teams needs 32×32/);
    expect(validateManifest(manifest, new Map()).join('\n')).toMatch(/icons\.color: color\.png not found/);
    const notPng = new Map([...real, ['outline.png', Buffer.from('GIF89a not a png at all, just bytes')]]);
    expect(validateManifest(manifest, notPng).join('\n')).toMatch(/icons\.outline: outline\.png is not a PNG/);
  });
});

describe('pngInfo', () => {
  it('when reading the shipped icons, then IHDR gives 192×192 and 32×32, the outline with transparency', async () => {
    const real = await icons();
    expect(pngInfo(real.get('color.png')!)).toMatchObject({ width: 192, height: 192 });
    expect(pngInfo(real.get('outline.png')!)).toEqual({ width: 32, height: 32, transparent: true });
  });

  it('when the bytes are not a PNG or are truncated, then it returns undefined', async () => {
    expect(pngInfo(Buffer.from('not a png'))).toBeUndefined();
    expect(pngInfo((await icons()).get('color.png')!.subarray(0, 20))).toBeUndefined();
  });
});

describe('packageTeamsApp', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-teams-app-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when the inputs are valid, then the zip holds manifest.json, color.png and outline.png at its root, byte for byte', async () => {
    const outFile = join(dir, 'nested', 'verdict.zip');
    const result = await packageTeamsApp({ manifestDir: MANIFEST_DIR, values: values(), outFile });
    expect(result.ok).toBe(true);
    const files = readZip(await readFile(outFile));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const real = await icons();
    expect(files.get('color.png')!.equals(real.get('color.png')!)).toBe(true);
    expect(files.get('outline.png')!.equals(real.get('outline.png')!)).toBe(true);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toEqual(result.ok && result.manifest);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
  });

  it('when packaged twice from the same inputs, then the bytes are identical (fixed timestamps)', async () => {
    await packageTeamsApp({ manifestDir: MANIFEST_DIR, values: values(), outFile: join(dir, 'a.zip') });
    await packageTeamsApp({ manifestDir: MANIFEST_DIR, values: values(), outFile: join(dir, 'b.zip') });
    expect((await readFile(join(dir, 'a.zip'))).equals(await readFile(join(dir, 'b.zip')))).toBe(true);
  });

  it('when the CLI runs without BOT_ID, then it exits 1 with a clear message and writes nothing', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      const outFile = join(dir, 'verdict.zip');
      expect(await main(['--out', outFile], { ...DEVELOPER })).toBe(1);
      expect(errors.join('\n')).toMatch(/BOT_ID is required/);
      await expect(readFile(outFile)).rejects.toThrow(/ENOENT/);
    } finally {
      spy.mockRestore();
    }
  });

  it('when the CLI gets an unknown option, then it exits 2 with the usage', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['--botid', BOT_ID], {})).toBe(2);
      expect(String(spy.mock.calls[0]?.[0])).toMatch(/Usage: npm run package:teams/);
    } finally {
      spy.mockRestore();
    }
  });
});
