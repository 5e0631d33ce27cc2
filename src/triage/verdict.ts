import type { MdeFile } from '../mde/file';

/**
 * The verdict rules: the one place that turns an MDE File entity into a verdict.
 *
 * MDE documents no list of `determinationType` values (seen: "Pua", "Unknown"; "Malware" and
 * "Clean" are unconfirmed), so every comparison is case-insensitive, ignores spaces and
 * punctuation ("Potentially Unwanted" = "potentiallyunwanted"), and covers plausible values as
 * well as confirmed ones. A detection name is `Family:Platform/Name` (Microsoft's malware naming);
 * its family is the part before the colon. Names come from `determinationValue` and from
 * `threatName` (not a documented File field; honoured if present). Rules, first match wins:
 *
 *  1. No file (MDE answered 404) → Not found.
 *  2. Malicious if determinationType is a malware type (Malware, Virus, Trojan, Ransomware,
 *     Backdoor, Exploit, Worm, Spyware, Rootkit, Malicious…) or a detection name's family is a
 *     malware family (Trojan*, Virus, Ransom, Backdoor, Worm, Exploit, Behavior, PWS, VirTool,
 *     Spyware, Rogue, DDoS, Dropper…), whatever the type says: the worst signal wins.
 *  3. Suspicious if the type is Pua / PotentiallyUnwanted / Suspicious / HackTool / Adware, or a
 *     family is PUA* (PUA, PUADlManager, PUABundler…), HackTool, Adware, BrowserModifier,
 *     SoftwareBundler, MonitoringTool, RemoteAccess, Program, Tool, Misleading, SettingsModifier.
 *     HackTool is suspicious, not malicious, on purpose: it is dual-use (admin and red-team
 *     tools), and the card shows the name, so "HackTool:Win32/Mimikatz" still stands out.
 *  4. Clean if the type is Clean / Benign / Safe / NotMalicious.
 *  5. Suspicious if MDE said something Verdict does not recognise: a type that is not Unknown,
 *     or (with no usable type) a detection name of an unknown family. MDE named it; we cannot
 *     vouch for it, so an analyst should look.
 *  6. Only when rules 2–5 found nothing: `fileClassification` (not a documented File field;
 *     honoured if present) Malicious/Malware → malicious, Suspicious/PUA → suspicious,
 *     Clean/Benign → clean.
 *  7. Clean (inferred) if the file has a valid certificate (isValidCertificate === true), a
 *     signer, and global prevalence ≥ 10,000. Rare malware does not reach ten thousand machines,
 *     and signed-but-stolen-certificate malware is targeted and rare; widely deployed signed
 *     software clears it easily. The reason says the verdict is inferred, so it is never
 *     mistaken for an MDE determination.
 *  8. Otherwise Unknown; the reason mentions an invalid certificate if there is one.
 */

export type VerdictLevel = 'malicious' | 'suspicious' | 'clean' | 'unknown' | 'not-found';

export interface Verdict {
  level: VerdictLevel;
  /** One line, plain text (the card escapes it). */
  reason: string;
  threatName?: string;
}

/** For sorting, most dangerous first. Unknown ranks above clean: it still needs a look. */
export const VERDICT_RANK: Readonly<Record<VerdictLevel, number>> = {
  malicious: 0,
  suspicious: 1,
  unknown: 2,
  clean: 3,
  'not-found': 4,
};

export const VERDICT_LABEL: Readonly<Record<VerdictLevel, string>> = {
  malicious: 'Malicious',
  suspicious: 'Suspicious',
  clean: 'Clean',
  unknown: 'Unknown',
  'not-found': 'Not found',
};

export const INFERRED_CLEAN_MIN_PREVALENCE = 10_000;

const MALICIOUS_TYPES = new Set(['malware', 'malicious', 'virus', 'trojan', 'ransomware', 'ransom', 'backdoor', 'exploit', 'worm', 'spyware', 'rootkit']);
const SUSPICIOUS_TYPES = new Set(['pua', 'potentiallyunwanted', 'potentiallyunwantedapplication', 'potentiallyunwantedapp', 'suspicious', 'hacktool', 'adware']);
const CLEAN_TYPES = new Set(['clean', 'benign', 'safe', 'notmalicious']);
const NEUTRAL_TYPES = new Set(['', 'unknown', 'none', 'notavailable']);

const MALICIOUS_FAMILIES = new Set(['virus', 'worm', 'ransom', 'backdoor', 'exploit', 'behavior', 'pws', 'virtool', 'spyware', 'rogue', 'ddos', 'dropper', 'constructor', 'spammer', 'spoofer', 'phish', 'dos', 'rootkit']);
const SUSPICIOUS_FAMILIES = new Set(['hacktool', 'adware', 'browsermodifier', 'softwarebundler', 'monitoringtool', 'remoteaccess', 'program', 'tool', 'misleading', 'settingsmodifier', 'joke']);

// Maps, not object literals, so a value like "constructor" cannot reach Object.prototype.
const CLASSIFICATION = new Map<string, 'malicious' | 'suspicious' | 'clean'>([
  ['malicious', 'malicious'],
  ['malware', 'malicious'],
  ['suspicious', 'suspicious'],
  ['pua', 'suspicious'],
  ['potentiallyunwanted', 'suspicious'],
  ['clean', 'clean'],
  ['benign', 'clean'],
]);

type Family = 'malicious' | 'suspicious' | 'unrecognised';

export function decideVerdict(file: MdeFile | null): Verdict {
  if (file === null) return { level: 'not-found', reason: 'MDE has no record of this file' };

  const rawType = text(file.determinationType);
  const type = key(rawType);
  const names = [text(file.determinationValue), text(file.threatName)].filter((n) => n !== '');
  const families = names.map(familyOf);
  const threatName = text(file.threatName) || text(file.determinationValue) || undefined;
  const determination = describeDetermination(rawType, names[0]);

  if (MALICIOUS_TYPES.has(type) || families.includes('malicious')) {
    return { level: 'malicious', reason: determination, threatName };
  }
  if (SUSPICIOUS_TYPES.has(type) || families.includes('suspicious')) {
    return { level: 'suspicious', reason: determination, threatName };
  }
  if (CLEAN_TYPES.has(type)) return { level: 'clean', reason: determination };
  if (!NEUTRAL_TYPES.has(type) || families.includes('unrecognised')) {
    return { level: 'suspicious', reason: `${determination} (not a determination Verdict recognises; review)`, threatName };
  }

  const rawClassification = text(file.fileClassification);
  const classified = CLASSIFICATION.get(key(rawClassification));
  // No detection name can exist here (rule 5 would have fired), so there is no threat name.
  if (classified) return { level: classified, reason: `File classification: ${rawClassification}` };

  const signer = text(file.signer);
  const prevalence = file.globalPrevalence ?? 0;
  if (file.isValidCertificate === true && signer !== '' && prevalence >= INFERRED_CLEAN_MIN_PREVALENCE) {
    return {
      level: 'clean',
      reason: `No MDE determination; inferred clean from a valid signature (${signer}) and global prevalence ${prevalence.toLocaleString('en-US')}`,
    };
  }
  if (file.isValidCertificate === false && signer !== '') {
    return { level: 'unknown', reason: `MDE has no determination for this file, and its certificate (${signer}) is not valid` };
  }
  return { level: 'unknown', reason: 'MDE has no determination for this file' };
}

/** Trimmed, on one line, '' for null/undefined: MDE strings feed a one-line reason. */
function text(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** Comparison key: lowercase letters and digits only. */
function key(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function familyOf(name: string): Family {
  const colon = name.indexOf(':');
  if (colon <= 0) return 'unrecognised';
  const family = key(name.slice(0, colon));
  if (family.startsWith('trojan') || MALICIOUS_FAMILIES.has(family)) return 'malicious';
  if (family.startsWith('pua') || SUSPICIOUS_FAMILIES.has(family)) return 'suspicious';
  return 'unrecognised';
}

function describeDetermination(rawType: string, name: string | undefined): string {
  const hasType = !NEUTRAL_TYPES.has(key(rawType));
  if (hasType && name) return `MDE determination: ${rawType} (${name})`;
  if (hasType) return `MDE determination: ${rawType}`;
  if (name) return `MDE detection: ${name}`;
  return 'MDE has no determination for this file';
}
