/**
 * Structural checks of a filled Teams manifest and its icons: the schema rules Verdict relies on
 * (offline; no schema download), and PNG size/transparency read from the file header.
 */
import { z } from 'zod';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
export const HTTPS_URL = /^https:\/\/[^\s/?#]+\S*$/i;

const scope = z.enum(['personal', 'team', 'groupChat']);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const guid = z.string().regex(GUID, 'must be a GUID');
const httpsUrl = z.string().max(2048, 'must be at most 2048 characters').regex(HTTPS_URL, 'must be an https URL');
export const iconFile = z.string().regex(/^[\w.-]+\.png$/, 'must be a .png file name at the package root');

/*
 * The manifest fields Verdict uses, with the strictest limits across 1.x schemas (command title 32,
 * description 128, 10 commands per list; v1.24 allows 12 commands and newer schemas longer text),
 * so the package stays valid if the schema version is ever pinned lower. Unknown fields pass.
 */
const manifestSchema = z
  .object({
    $schema: z.string().url('must be the schema URL'),
    manifestVersion: z.string().regex(/^1\.\d+$/, 'must be a released 1.x schema version'),
    version: z.string().regex(SEMVER, 'must be MAJOR.MINOR.PATCH'),
    id: guid,
    developer: z.object({ name: text(32), websiteUrl: httpsUrl, privacyUrl: httpsUrl, termsOfUseUrl: httpsUrl }),
    name: z.object({ short: text(30), full: text(100).optional() }),
    description: z.object({ short: text(80), full: text(4000) }),
    icons: z.object({ color: iconFile, outline: iconFile }),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #RRGGBB colour'),
    bots: z
      .array(
        z.object({
          botId: guid,
          scopes: z.array(scope).min(1, 'must name at least one scope'),
          supportsFiles: z.boolean().optional(),
          isNotificationOnly: z.boolean().optional(),
          commandLists: z
            .array(
              z.object({
                scopes: z.array(scope).min(1, 'must name at least one scope'),
                commands: z.array(z.object({ title: text(32), description: text(128) })).min(1).max(10, 'must have at most 10 commands'),
              }),
            )
            .max(3, 'must have at most 3 command lists')
            .optional(),
        }),
      )
      .length(1, 'must declare exactly one bot'),
    permissions: z.array(z.enum(['identity', 'messageTeamMembers'])).optional(),
    validDomains: z.array(z.string()).optional(),
  })
  .superRefine((m, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const expected = `https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`;
    if (m.$schema !== expected) issue(['$schema'], `must be ${expected} (it must match manifestVersion)`);
    m.bots.forEach((bot, b) => {
      const listed = new Set<string>();
      bot.commandLists?.forEach((list, l) => {
        for (const s of list.scopes) {
          if (!bot.scopes.includes(s)) issue(['bots', b, 'commandLists', l, 'scopes'], `${s} is not one of the bot's scopes`);
          if (listed.has(s)) issue(['bots', b, 'commandLists', l, 'scopes'], `${s} appears in more than one command list`);
          listed.add(s);
        }
        const titles = list.commands.map((c) => c.title.toLowerCase());
        if (new Set(titles).size !== titles.length) issue(['bots', b, 'commandLists', l, 'commands'], 'has duplicate command titles');
      });
    });
  });

export interface PngInfo {
  width: number;
  height: number;
  /** An alpha channel (colour type 4 or 6) or a tRNS chunk. */
  transparent: boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Size and transparency from the PNG's IHDR (the first chunk, by the PNG spec); undefined if not a PNG. */
export function pngInfo(data: Buffer): PngInfo | undefined {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const colourType = data[25] as number;
  let hasTrns = false;
  for (let at = 8; at + 8 <= data.length; at += 12 + data.readUInt32BE(at)) {
    const type = data.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') hasTrns = true;
    if (type === 'IDAT' || type === 'IEND') break; // tRNS must come before IDAT
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), transparent: colourType === 4 || colourType === 6 || hasTrns };
}

/** Teams' icon rules: colour 192×192 full colour; outline 32×32, white on transparent. */
const ICON_RULES = { color: { size: 192, transparent: false }, outline: { size: 32, transparent: true } } as const;

/** Every problem with the manifest and its icons, as "path: problem" lines; empty means valid. */
export function validateManifest(manifest: unknown, icons: ReadonlyMap<string, Buffer>): string[] {
  const parsed = manifestSchema.safeParse(manifest);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`);
  const declared = (manifest as { icons?: Record<string, unknown> } | null)?.icons ?? {};
  for (const [kind, rule] of Object.entries(ICON_RULES)) {
    const file = declared[kind];
    if (typeof file !== 'string') continue; // the schema already reported it
    const data = icons.get(file);
    const info = data && pngInfo(data);
    if (!data) errors.push(`icons.${kind}: ${file} not found next to the template`);
    else if (!info) errors.push(`icons.${kind}: ${file} is not a PNG`);
    else if (info.width !== rule.size || info.height !== rule.size) {
      errors.push(`icons.${kind}: ${file} is ${info.width}×${info.height}; Teams needs ${rule.size}×${rule.size}`);
    } else if (rule.transparent && !info.transparent) errors.push(`icons.${kind}: ${file} needs a transparent background (an alpha channel)`);
  }
  return errors;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(manifest)';
}
