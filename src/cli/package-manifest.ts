/**
 * `npm run package:teams`: fills manifest/manifest.template.json, checks the result and its icons,
 * and writes the Teams app package (manifest.json, color.png, outline.png at the zip root).
 * Offline on purpose: the checks are the schema's structural rules we rely on, not a schema
 * download or Developer Portal validation (see deploy/README.md).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createZip, type ZipEntry } from './zip';
import { GUID, HTTPS_URL, SEMVER, iconFile, validateManifest } from './manifest-validate';

export { pngInfo, validateManifest, type PngInfo } from './manifest-validate';

type Env = Record<string, string | undefined>;
export type Result<T> = ({ ok: true } & T) | { ok: false; errors: string[] };

/** Template placeholder → command-line option. Options win over the environment. */
const OPTIONS = {
  BOT_ID: 'bot-id',
  TEAMS_APP_ID: 'teams-app-id',
  APP_VERSION: 'app-version',
  DEVELOPER_NAME: 'developer-name',
  DEVELOPER_WEBSITE_URL: 'website-url',
  DEVELOPER_PRIVACY_URL: 'privacy-url',
  DEVELOPER_TERMS_URL: 'terms-url',
} as const;
export type Placeholder = keyof typeof OPTIONS;
export type ManifestValues = Record<Placeholder, string>;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
/** Namespace of the name-based (v5) Teams app ids derived from a bot id; fixed forever. */
const APP_ID_NAMESPACE = '54aa4903-27d0-4842-aff3-0f687a4f4892';

/** Picks each placeholder's value from options, then the environment, then a default. */
export function resolveValues(env: Env, options: Partial<Record<string, string>>, packageVersion: string): Result<{ values: ManifestValues; hints: string[] }> {
  const pick = (key: Placeholder) => (options[OPTIONS[key]] ?? env[key] ?? '').trim();
  const errors: string[] = [];
  const hints: string[] = [];
  const botId = pick('BOT_ID') || (env.MicrosoftAppId ?? '').trim();
  if (!botId) {
    errors.push('BOT_ID is required: the bot\'s Microsoft App ID (MicrosoftAppId; with the Bicep in deploy/azure, its output botAppId). Set BOT_ID or MicrosoftAppId, or pass --bot-id.');
  } else if (!GUID.test(botId)) {
    errors.push('BOT_ID must be a GUID (the bot\'s Microsoft App ID).');
  }
  let teamsAppId = pick('TEAMS_APP_ID');
  if (teamsAppId && !GUID.test(teamsAppId)) errors.push('TEAMS_APP_ID must be a GUID.');
  if (!teamsAppId && GUID.test(botId)) {
    teamsAppId = teamsAppIdFor(botId);
    hints.push(`TEAMS_APP_ID not set: using ${teamsAppId}, derived from BOT_ID (the same bot always gets the same id). Set TEAMS_APP_ID=${teamsAppId} to pin it.`);
  }
  const version = pick('APP_VERSION') || packageVersion;
  if (!SEMVER.test(version)) errors.push(`APP_VERSION must be MAJOR.MINOR.PATCH, e.g. 1.0.0 (got ${JSON.stringify(version)}).`);
  const developerName = pick('DEVELOPER_NAME') || 'Verdict';
  const urls = { DEVELOPER_WEBSITE_URL: 'website', DEVELOPER_PRIVACY_URL: 'privacy statement', DEVELOPER_TERMS_URL: 'terms of use' } as const;
  for (const [key, what] of Object.entries(urls) as [keyof typeof urls, string][]) {
    const url = pick(key);
    if (!url) errors.push(`${key} is required: the https URL of your ${what}, shown in Teams' app details (--${OPTIONS[key]}).`);
    else if (!HTTPS_URL.test(url)) errors.push(`${key} must be an https URL.`);
  }
  if (errors.length > 0) return { ok: false, errors };
  const values: ManifestValues = {
    BOT_ID: botId.toLowerCase(),
    TEAMS_APP_ID: teamsAppId.toLowerCase(),
    APP_VERSION: version,
    DEVELOPER_NAME: developerName,
    DEVELOPER_WEBSITE_URL: pick('DEVELOPER_WEBSITE_URL'),
    DEVELOPER_PRIVACY_URL: pick('DEVELOPER_PRIVACY_URL'),
    DEVELOPER_TERMS_URL: pick('DEVELOPER_TERMS_URL'),
  };
  return { ok: true, values, hints };
}

/**
 * A stable Teams app id for a bot: a name-based UUID (RFC 4122 v5) of the bot id. Re-packaging for
 * the same bot then updates the installed app instead of adding a second one.
 */
export function teamsAppIdFor(botId: string): string {
  const namespace = Buffer.from(APP_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(botId.toLowerCase(), 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Substitutes `${{NAME}}` in every string of the parsed template (never in raw JSON text, so a
 * value cannot break the JSON). Names without a value are returned, not left in silently.
 */
export function renderManifest(template: unknown, values: Partial<Record<string, string>>): { manifest: unknown; unresolved: string[] } {
  const unresolved = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) unresolved.add(name);
        return value ?? whole;
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return { manifest: walk(template), unresolved: [...unresolved].sort() };
}

/** Renders, validates and zips. Nothing is written unless everything is valid. */
export async function packageTeamsApp(opts: { manifestDir: string; values: ManifestValues; outFile: string }): Promise<Result<{ manifest: Record<string, unknown> }>> {
  const templatePath = join(opts.manifestDir, 'manifest.template.json');
  let template: unknown;
  try {
    template = JSON.parse(await readFile(templatePath, 'utf8'));
  } catch (err) {
    return { ok: false, errors: [`${templatePath}: ${(err as Error).message}`] };
  }
  const { manifest, unresolved } = renderManifest(template, opts.values);
  const icons = new Map<string, Buffer>();
  const declared = (manifest as { icons?: Record<string, unknown> } | null)?.icons ?? {};
  for (const file of Object.values(declared)) {
    if (typeof file !== 'string' || !iconFile.safeParse(file).success) continue;
    const path = join(opts.manifestDir, file);
    if (existsSync(path)) icons.set(file, await readFile(path));
  }
  const errors = [...unresolved.map((n) => `\${{${n}}}: no value for this placeholder`), ...validateManifest(manifest, icons)];
  if (errors.length > 0) return { ok: false, errors };

  const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }];
  for (const [name, data] of icons) entries.push({ name, data });
  await mkdir(dirname(opts.outFile), { recursive: true });
  await writeFile(opts.outFile, createZip(entries));
  return { ok: true, manifest: manifest as Record<string, unknown> };
}

/** The checkout root: the nearest folder up from here holding manifest/manifest.template.json. */
function findRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'manifest', 'manifest.template.json'))) return dir;
    if (dirname(dir) === dir) throw new Error('manifest/manifest.template.json not found above ' + from);
  }
}

const USAGE = `Usage: npm run package:teams -- [options]
  --bot-id <guid>         BOT_ID: the bot's Microsoft App ID (default: MicrosoftAppId)  [required]
  --teams-app-id <guid>   TEAMS_APP_ID (default: derived from the bot id, stable)
  --app-version <x.y.z>   APP_VERSION (default: package.json version); raise it for every update
  --developer-name <s>    DEVELOPER_NAME (default: Verdict)
  --website-url <https>   DEVELOPER_WEBSITE_URL  [required]
  --privacy-url <https>   DEVELOPER_PRIVACY_URL  [required]
  --terms-url <https>     DEVELOPER_TERMS_URL  [required]
  --out <file>            default: dist/teams-app/verdict.zip`;

export async function main(argv: string[], env: Env): Promise<number> {
  let options: Record<string, string | boolean | undefined>;
  try {
    const spec = Object.fromEntries([...Object.values(OPTIONS), 'out'].map((o) => [o, { type: 'string' as const }]));
    options = parseArgs({ args: argv, options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const root = findRoot(__dirname);
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const strings = Object.fromEntries(Object.entries(options).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const resolved = resolveValues(env, strings, version);
  if (!resolved.ok) {
    console.error(`Cannot build the Teams app package:\n${resolved.errors.map((e) => `  - ${e}`).join('\n')}\n\n${USAGE}`);
    return 1;
  }
  resolved.hints.forEach((h) => console.log(h));
  const outFile = resolve(root, strings.out ?? join('dist', 'teams-app', 'verdict.zip'));
  const result = await packageTeamsApp({ manifestDir: join(root, 'manifest'), values: resolved.values, outFile });
  if (!result.ok) {
    console.error(`The Teams app manifest is invalid:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 1;
  }
  const { values } = resolved;
  const shown = relative(process.cwd(), outFile);
  console.log(
    [
      `Teams app package: ${shown.startsWith('..') ? outFile : shown}`,
      `  app id ${values.TEAMS_APP_ID}, bot id ${values.BOT_ID}, version ${values.APP_VERSION}`,
      'Upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center (Manage apps > Upload new app).',
      'Each update needs a higher APP_VERSION.',
    ].join('\n'),
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`package:teams failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
